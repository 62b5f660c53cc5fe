// File sources over the VS Code workspace. Local folders use the same file plan as the CLI (git's
// file set in a work tree, an ignore-aware walk outside git), minus files.exclude and
// search.exclude; remote and virtual folders use findFiles. With several workspace folders,
// paths are prefixed with the folder's name.
import * as vscode from 'vscode';
import picomatch from 'picomatch';
import { gitTopLevel, NotGitRepositoryError } from '../../core/review/git';
import { repoFileSource } from '../../core/review/nodeSource';
import { BUILD_DIRS, VENDORED_DIRS } from '../../core/review/skipRules';
import type { FileSource, SourceEntry } from '../../core/review/types';

/** A source plus the way back from its relative paths to URIs. */
export interface WorkspaceFiles {
  source: FileSource;
  uriOf(path: string): vscode.Uri;
}

export type WorkspaceMode = 'all' | 'changed';

function enabledGlobs(section: 'files' | 'search', scope: vscode.Uri): string[] {
  const map = vscode.workspace.getConfiguration(section, scope).get<Record<string, unknown>>('exclude') ?? {};
  // `when` clauses (objects) cannot be evaluated here; true-valued patterns are honoured.
  return Object.entries(map).filter(([, v]) => v === true).map(([k]) => k);
}

/** The exclude glob for findFiles: files.exclude + search.exclude + vendored folders + build output at the root (git is not known there). */
export function excludeGlob(folder: vscode.WorkspaceFolder): string {
  const globs = [...enabledGlobs('files', folder.uri), ...enabledGlobs('search', folder.uri), ...VENDORED_DIRS.map((d) => `**/${d}/**`), ...BUILD_DIRS.map((d) => `${d}/**`)];
  // findFiles takes one pattern; nested braces are not allowed in it.
  return `{${[...new Set(globs.filter((g) => !/[{}]/.test(g)))].join(',')}}`;
}

function prefixOf(folder: vscode.WorkspaceFolder, folders: readonly vscode.WorkspaceFolder[]): string {
  return folders.length > 1 ? `${folder.name}/` : '';
}

/** A local folder through the review's own plan (git or walk), without what files/search.exclude hide. */
async function localEntries(folder: vscode.WorkspaceFolder, mode: WorkspaceMode): Promise<SourceEntry[]> {
  const root = folder.uri.fsPath;
  const inGit = (await gitTopLevel(root)) !== null;
  if (mode === 'changed' && !inGit) throw new NotGitRepositoryError(root);
  const entries = await repoFileSource({ root, git: inGit, ...(mode === 'changed' ? { only: { changed: true as const } } : {}) }).list();
  const globs = [...enabledGlobs('files', folder.uri), ...enabledGlobs('search', folder.uri)];
  if (globs.length === 0) return entries;
  const hidden = picomatch(globs, { dot: true });
  return entries.filter((e) => !hidden(e.path) && !hidden(`${e.path}/`));
}

async function remoteEntries(folder: vscode.WorkspaceFolder, mode: WorkspaceMode): Promise<SourceEntry[]> {
  if (mode === 'changed') throw new Error(`Review Changed Files needs a local folder; ${folder.name} is ${folder.uri.scheme}:`);
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(folder));
  return uris.map((uri) => ({ path: vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/') }));
}

export function workspaceFiles(folders: readonly vscode.WorkspaceFolder[], mode: WorkspaceMode = 'all'): WorkspaceFiles {
  const byPrefix = new Map(folders.map((f) => [prefixOf(f, folders), f]));
  const uriOf = (path: string): vscode.Uri => {
    for (const [prefix, folder] of byPrefix) if (prefix && path.startsWith(prefix)) return vscode.Uri.joinPath(folder.uri, path.slice(prefix.length));
    return vscode.Uri.joinPath(folders[0].uri, path);
  };
  const list = async (): Promise<SourceEntry[]> => {
    const out: SourceEntry[] = [];
    for (const folder of folders) {
      const prefix = prefixOf(folder, folders);
      const entries = folder.uri.scheme === 'file' ? await localEntries(folder, mode) : await remoteEntries(folder, mode);
      for (const e of entries) out.push({ ...e, path: prefix + e.path });
    }
    return out;
  };
  const ignoresApplied = folders.every((f) => f.uri.scheme === 'file');
  return { source: { list, read: async (path) => vscode.workspace.fs.readFile(uriOf(path)), ignoresApplied }, uriOf };
}

/** One open document (its current text, saved or not), with its path relative to its folder. */
export function documentFiles(document: vscode.TextDocument): WorkspaceFiles {
  const path = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
  return {
    source: { list: async () => [{ path }], read: async () => new TextEncoder().encode(document.getText()) },
    uriOf: () => document.uri,
  };
}
