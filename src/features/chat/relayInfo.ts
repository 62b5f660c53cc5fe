// The welcome view's relay line, its "Choose relay" button, and the Restricted Mode notice. Which
// relay is in use, and where that setting comes from, is decided in one place (settings.relayInfo:
// inspect(), Restricted Mode).
import * as vscode from 'vscode';
import { INSTRUCTION_FILES } from '../../core/chat/index';
import { restrictedNotice } from '../../core/setup/restricted';
import type { RelayInfoView } from '../../protocol';
import { relayInfo } from '../settings';
import { workspaceRelaySettings } from '../setup/workspaceSettings';

export async function relayView(): Promise<RelayInfoView> {
  const { baseUrl, origin, source } = relayInfo();
  if (vscode.workspace.isTrusted) return { baseUrl, origin, source, restricted: null };
  const ws = await workspaceRelaySettings();
  return { baseUrl, origin, source, restricted: restrictedNotice({ ignoredSettings: ws.restricted, baseUrl: ws.baseUrl, instructionFiles: await instructionFiles() }) };
}

/** Instruction files present at a folder's root (read only once the workspace is trusted). */
async function instructionFiles(): Promise<string[]> {
  const found: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const name of INSTRUCTION_FILES) {
      const there = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, name)).then(() => true, () => false);
      if (there && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

/** "Choose relay": the setup picker (presets, local servers, connection test); true when a relay was saved. */
export async function chooseRelay(): Promise<boolean> {
  return !!(await vscode.commands.executeCommand<boolean>('relayAssistant.chooseRelay'));
}
