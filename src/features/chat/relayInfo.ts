// The welcome view's relay line and its "Choose relay" button. Which relay is in use, and where that
// setting comes from, is decided in one place (settings.relayInfo: inspect(), Restricted Mode).
import * as vscode from 'vscode';
import type { RelayInfoView } from '../../protocol';
import { relayInfo } from '../settings';

export function relayView(): RelayInfoView {
  const { baseUrl, origin, source } = relayInfo();
  return { baseUrl, origin, source };
}

/** "Choose relay": the setup picker (presets, local servers, connection test); true when a relay was saved. */
export async function chooseRelay(): Promise<boolean> {
  return !!(await vscode.commands.executeCommand<boolean>('relayAssistant.chooseRelay'));
}
