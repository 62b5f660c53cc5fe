// What a workspace's own settings files say about the relay. In Restricted Mode VS Code hides
// restricted workspace values from inspect(), so the files are read to tell the user what is being
// ignored (their values are only shown, never used).
import * as vscode from 'vscode';
import { RESTRICTED_SETTINGS } from '../../core/config';
import { parseJsonc, sectionValues } from '../../core/setup/jsonc';
import { SECTION } from '../settings';

export interface WorkspaceRelaySettings {
  /** Restricted settings the workspace sets, in RESTRICTED_SETTINGS order. */
  restricted: string[];
  /** Its baseUrl, when it sets one. */
  baseUrl?: string;
}

async function read(uri: vscode.Uri): Promise<Record<string, unknown>> {
  try {
    return sectionValues(parseJsonc(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))), SECTION);
  } catch {
    return {};
  }
}

export async function workspaceRelaySettings(): Promise<WorkspaceRelaySettings> {
  const values: Record<string, unknown> = {};
  const file = vscode.workspace.workspaceFile;
  if (file?.scheme === 'file') {
    const parsed = parseJsonc(new TextDecoder().decode(await vscode.workspace.fs.readFile(file).then((b) => b, () => new Uint8Array())));
    Object.assign(values, sectionValues((parsed as { settings?: unknown } | undefined)?.settings, SECTION));
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) Object.assign(values, await read(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json')));
  const restricted = RESTRICTED_SETTINGS.filter((k) => values[k] !== undefined);
  return { restricted, baseUrl: typeof values.baseUrl === 'string' ? values.baseUrl : undefined };
}
