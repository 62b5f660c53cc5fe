// "Dismiss finding…": asks why, records the finding in the folder's
// .relay/review-suppressions.json (meant to be committed: the team shares what was dismissed, and
// the CLI honours it too), and removes it from the Problems view. The file is written whole
// (a temporary file renamed over it), never half.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { categoryOf } from '../../core/review/categories';
import { git } from '../../core/review/git';
import { SUPPRESSIONS_FILE, withSuppression } from '../../core/review/suppress';
import type { Finding } from '../../core/review/types';
import type { ReviewDiagnostics } from './diagnostics';
import { folderPath } from './repoPolicy';

export const DISMISS_COMMAND = 'relayAssistant.dismissReviewFinding';

async function whoAmI(folder: vscode.WorkspaceFolder): Promise<string> {
  const fromGit = folder.uri.scheme === 'file' ? (await git(folder.uri.fsPath, ['config', 'user.name']).catch(() => '')).trim() : '';
  if (fromGit) return fromGit;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function existing(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return null;
    throw e;
  }
}

/** Asks for a reason and records the dismissal; true when it was recorded. */
export async function dismissFinding(diagnostics: ReviewDiagnostics, uri: vscode.Uri, finding: Finding): Promise<boolean> {
  const where = folderPath(uri);
  if (!where) {
    void vscode.window.showInformationMessage('Relay Review: only findings in a workspace folder can be dismissed (the dismissal is saved in the folder).');
    return false;
  }
  const reason = await vscode.window.showInputBox({
    title: 'Dismiss finding',
    prompt: `Why is "${finding.message}" not a problem? Saved in ${SUPPRESSIONS_FILE} (commit it to share with the team).`,
    placeHolder: 'e.g. intended: the caller validates the input',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? null : 'Give a reason: it is what the next reader of the file sees.'),
  });
  if (reason === undefined) return false;
  const target = vscode.Uri.joinPath(where.folder.uri, SUPPRESSIONS_FILE);
  const entry = { fingerprint: finding.fingerprint, path: where.path, category: categoryOf(finding), reason: reason.trim(), by: await whoAmI(where.folder), at: new Date().toISOString(), message: finding.message };
  let text: string;
  try {
    text = withSuppression(await existing(target), entry);
  } catch (e) {
    void vscode.window.showErrorMessage(`Relay Review: ${SUPPRESSIONS_FILE} could not be read (${(e as Error).message}); fix or remove it, then dismiss again.`);
    return false;
  }
  const folder = vscode.Uri.joinPath(target, '..');
  await vscode.workspace.fs.createDirectory(folder);
  const temp = vscode.Uri.joinPath(folder, `.review-suppressions.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw e;
  }
  diagnostics.remove(uri, finding);
  return true;
}
