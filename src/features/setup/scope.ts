// Where "Choose relay" saves: the user's settings, unless a trusted workspace sets its own relay
// and the user says to change that one. Workspace settings are never changed silently.
import * as vscode from 'vscode';
import { SECTION } from '../settings';
import { workspaceRelaySettings } from './workspaceSettings';

export interface SaveScope {
  target: vscode.ConfigurationTarget;
  /** "your user settings" / "this workspace's settings". */
  words: string;
  /** A workspace baseUrl that Restricted Mode ignores (said after saving). */
  ignoredWorkspaceUrl?: string;
}

const USER: SaveScope = { target: vscode.ConfigurationTarget.Global, words: 'your user settings' };
export const CHANGE_WORKSPACE = 'Change This Workspace\'s Relay';
export const CHANGE_USER = 'Change My User Relay';

function workspaceValue(): { value: string; target: vscode.ConfigurationTarget } | undefined {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('baseUrl');
  if (typeof inspected?.workspaceFolderValue === 'string') return { value: inspected.workspaceFolderValue, target: vscode.ConfigurationTarget.WorkspaceFolder };
  if (typeof inspected?.workspaceValue === 'string') return { value: inspected.workspaceValue, target: vscode.ConfigurationTarget.Workspace };
  return undefined;
}

/** The scope to save in; undefined when the user dismissed the question. */
export async function saveScope(): Promise<SaveScope | undefined> {
  // Restricted Mode hides the workspace's value from inspect(): its settings file says it
  if (!vscode.workspace.isTrusted) return { ...USER, ignoredWorkspaceUrl: (await workspaceRelaySettings()).baseUrl };
  const ws = workspaceValue();
  if (!ws) return USER;
  const picked = await vscode.window.showWarningMessage(
    `This workspace's settings choose the relay (${ws.value}), which overrides your user settings here. Which one should Choose Relay change?`,
    { modal: true },
    CHANGE_WORKSPACE,
    CHANGE_USER,
  );
  if (picked === CHANGE_WORKSPACE) return { target: ws.target, words: 'this workspace\'s settings' };
  return picked === CHANGE_USER ? USER : undefined;
}

/** Writes `key` in the scope (a folder value needs the folder's configuration). */
export async function save(scope: SaveScope, key: string, value: unknown): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = scope.target === vscode.ConfigurationTarget.WorkspaceFolder && folder ? vscode.workspace.getConfiguration(SECTION, folder.uri) : vscode.workspace.getConfiguration(SECTION);
  await config.update(key, value, scope.target);
}

/** What to say after saving when another scope decides (a trusted workspace's own relay), else undefined. */
export function overriddenBy(scope: SaveScope, saved: string): string | undefined {
  if (scope.ignoredWorkspaceUrl) {
    return `Saved in your user settings. This workspace's own relay (${scope.ignoredWorkspaceUrl}) is ignored in Restricted Mode; if you trust the workspace, it applies instead.`;
  }
  const ws = workspaceValue();
  if (scope.target !== vscode.ConfigurationTarget.Global || !ws) return undefined;
  return ws.value === saved ? undefined : `Saved in your user settings, but this workspace's settings override it: requests here still go to ${ws.value}.`;
}
