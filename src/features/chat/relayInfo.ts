// Which relay the chat talks to and where that setting comes from, for the welcome view.
// (Read with inspect(): in Restricted Mode a workspace value does not count, as for every relay setting.)
import * as vscode from 'vscode';
import type { RelayInfoView, SettingSource } from '../../protocol';

export function relayInfo(): RelayInfoView {
  const inspected = vscode.workspace.getConfiguration('relayAssistant').inspect<string>('baseUrl');
  const workspace = vscode.workspace.isTrusted ? (inspected?.workspaceFolderValue ?? inspected?.workspaceValue) : undefined;
  const user = inspected?.globalValue;
  const source: SettingSource = typeof workspace === 'string' ? 'workspace' : typeof user === 'string' ? 'user' : 'default';
  const baseUrl = (source === 'workspace' ? workspace : source === 'user' ? user : inspected?.defaultValue) ?? '';
  let origin = '';
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    // shown as the raw text
  }
  return { baseUrl, origin, source };
}

/** The welcome view's "Choose relay": the base URL setting in the Settings editor. */
export function chooseRelay(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'relayAssistant.baseUrl');
}
