// The welcome view's relay line and its "Choose relay" button. Which relay is in use, and where that
// setting comes from, is decided in one place (settings.relayInfo: inspect(), Restricted Mode).
import * as vscode from 'vscode';
import type { RelayInfoView } from '../../protocol';
import { relayInfo } from '../settings';

export function relayView(): RelayInfoView {
  const { baseUrl, origin, source } = relayInfo();
  return { baseUrl, origin, source };
}

/** "Choose relay": the base URL setting in the Settings editor. */
export function chooseRelay(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'relayAssistant.baseUrl');
}
