// Reads the workspace's instruction files (AGENTS.md, .github/copilot-instructions.md,
// .relay/instructions.md) at the root of each folder, and watches them. Trusted workspaces only:
// a cloned repository must not steer the model before the user trusts it.
import * as vscode from 'vscode';
import { clipInstruction, INSTRUCTION_FILES, type InstructionFile, type InstructionSource } from '../../core/chat/index';
import { relativePath } from './editor';

export const workspaceInstructions: InstructionSource = {
  async read(): Promise<InstructionFile[]> {
    if (!vscode.workspace.isTrusted) return [];
    const found: InstructionFile[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const name of INSTRUCTION_FILES) {
        const uri = vscode.Uri.joinPath(folder.uri, name);
        try {
          const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
          if (text.trim()) found.push(clipInstruction(relativePath(uri), text));
        } catch {
          // not there
        }
      }
    }
    return found;
  },
};

/** Calls `changed` when an instruction file is created, changed or deleted, or trust is granted. */
export function watchInstructions(changed: () => void): vscode.Disposable {
  const glob = `{${INSTRUCTION_FILES.join(',')}}`;
  const watchers = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, glob)));
  for (const w of watchers) {
    w.onDidCreate(changed);
    w.onDidChange(changed);
    w.onDidDelete(changed);
  }
  return vscode.Disposable.from(...watchers, vscode.workspace.onDidGrantWorkspaceTrust(changed), vscode.workspace.onDidChangeWorkspaceFolders(changed));
}
