// The repository's review policy in VS Code, per workspace folder: its review rules (REVIEW.md,
// .github/instructions, .relay/review.json) sent with the files they apply to, and its
// suppressions file (.relay/review-suppressions.json) honoured like the CLI does.
import * as vscode from 'vscode';
import type { ReviewPlan } from '../../core/review/types';
import { loadReviewRules, rulesFor, workTreeReader, type ReviewRules } from '../../core/review/rules';
import { SUPPRESSIONS_FILE, parseSuppressions, suppressionMatcher, type SuppressionMatcher } from '../../core/review/suppress';
import type { WorkspaceFiles } from './workspaceSource';

interface FolderPolicy {
  rules: ReviewRules | null;
  suppressions: SuppressionMatcher | undefined;
}

/** The folder of a URI and the URI's path inside it (forward slashes), or null outside every folder. */
export function folderPath(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; path: string } | null {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return null;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? { folder, path: uri.path.slice(base.length) } : null;
}

async function readText(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}

export class WorkspacePolicy {
  private constructor(private readonly byFolder: Map<string, FolderPolicy>, readonly notes: string[]) {}

  /** Reads every workspace folder's rules (local folders) and suppressions file. */
  static async load(output: { warn(text: string): void }): Promise<WorkspacePolicy> {
    const byFolder = new Map<string, FolderPolicy>();
    const notes: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const rules = folder.uri.scheme === 'file' ? await loadReviewRules(workTreeReader(folder.uri.fsPath)) : null;
      notes.push(...(rules?.notes ?? []).map((n) => `${folder.name}: ${n}`));
      let suppressions: SuppressionMatcher | undefined;
      const text = await readText(vscode.Uri.joinPath(folder.uri, SUPPRESSIONS_FILE));
      if (text !== null) {
        try {
          suppressions = suppressionMatcher(parseSuppressions(text));
        } catch (e) {
          output.warn(`Relay Review: ${folder.name}/${SUPPRESSIONS_FILE} ignored: ${(e as Error).message}`);
        }
      }
      byFolder.set(folder.uri.toString(), { rules, suppressions });
    }
    return new WorkspacePolicy(byFolder, notes);
  }

  private at(uri: vscode.Uri): { policy: FolderPolicy; path: string } | null {
    const where = folderPath(uri);
    const policy = where && this.byFolder.get(where.folder.uri.toString());
    return where && policy ? { policy, path: where.path } : null;
  }

  /** Sets each planned file's rules text; the rules files used. */
  attachRules(plan: ReviewPlan, files: WorkspaceFiles): string[] {
    const used = new Set<string>();
    for (const file of plan.files) {
      const at = this.at(files.uriOf(file.path));
      if (!at?.policy.rules) continue;
      const r = rulesFor(at.policy.rules, at.path);
      if (!r.text) continue;
      file.rules = r.text;
      r.sources.forEach((s) => used.add(s));
    }
    return [...used];
  }

  /** Suppressions by the file's own folder, for report paths of `files`. */
  matcher(files: WorkspaceFiles): SuppressionMatcher {
    return (path, f) => {
      const at = this.at(files.uriOf(path));
      return at?.policy.suppressions?.(at.path, f);
    };
  }
}
