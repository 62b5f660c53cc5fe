// File sources over the VS Code workspace: findFiles honouring files.exclude and search.exclude,
// vscode.workspace.fs for reading (remote and virtual workspaces too). With several workspace
// folders, paths are prefixed with the folder's name.
import * as vscode from 'vscode';
import { GENERATED_DIRS } from '../../core/review/skipRules';
import type { FileSource, SourceEntry } from '../../core/review/types';

/** A source plus the way back from its relative paths to URIs. */
export interface WorkspaceFiles {
  source: FileSource;
  uriOf(path: string): vscode.Uri;
}

function enabledGlobs(section: 'files' | 'search', scope: vscode.Uri): string[] {
  const map = vscode.workspace.getConfiguration(section, scope).get<Record<string, unknown>>('exclude') ?? {};
  // `when` clauses (objects) cannot be evaluated here; true-valued patterns are honoured.
  return Object.entries(map).filter(([, v]) => v === true).map(([k]) => k);
}

/** The exclude glob for findFiles: files.exclude + search.exclude + generated folders. */
export function excludeGlob(folder: vscode.WorkspaceFolder): string {
  const globs = [...enabledGlobs('files', folder.uri), ...enabledGlobs('search', folder.uri), ...GENERATED_DIRS.map((d) => `**/${d}/**`)];
  // findFiles takes one pattern; nested braces are not allowed in it.
  return `{${[...new Set(globs.filter((g) => !/[{}]/.test(g)))].join(',')}}`;
}

function prefixOf(folder: vscode.WorkspaceFolder, folders: readonly vscode.WorkspaceFolder[]): string {
  return folders.length > 1 ? `${folder.name}/` : '';
}

export function workspaceFiles(folders: readonly vscode.WorkspaceFolder[], only?: (folder: vscode.WorkspaceFolder) => Promise<string[] | undefined>): WorkspaceFiles {
  const byPrefix = new Map(folders.map((f) => [prefixOf(f, folders), f]));
  const uriOf = (path: string): vscode.Uri => {
    for (const [prefix, folder] of byPrefix) if (prefix && path.startsWith(prefix)) return vscode.Uri.joinPath(folder.uri, path.slice(prefix.length));
    return vscode.Uri.joinPath(folders[0].uri, path);
  };
  const list = async (): Promise<SourceEntry[]> => {
    const out: SourceEntry[] = [];
    for (const folder of folders) {
      const prefix = prefixOf(folder, folders);
      const chosen = await only?.(folder);
      if (chosen) {
        out.push(...chosen.map((p) => ({ path: prefix + p })));
        continue;
      }
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(folder));
      for (const uri of uris) out.push({ path: prefix + vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/') });
    }
    return out;
  };
  return { source: { list, read: async (path) => vscode.workspace.fs.readFile(uriOf(path)) }, uriOf };
}

/** One open document (its current text, saved or not), with its path relative to its folder. */
export function documentFiles(document: vscode.TextDocument): WorkspaceFiles {
  const path = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
  return {
    source: { list: async () => [{ path }], read: async () => new TextEncoder().encode(document.getText()) },
    uriOf: () => document.uri,
  };
}
