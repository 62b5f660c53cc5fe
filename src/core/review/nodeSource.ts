// File sources for the CLI, the extension's local folders and tests: git's file set in a work tree,
// an ignore-aware walk outside git, and memory. Paths are relative to the root, forward slashes.
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseUnifiedDiff, type FileDiff } from './diff';
import { GitError, changedSince, type ChangedFile, fields0, fileDiffText, git, gitFileSet, linguistAttributes, mergeBase, requireGitTopLevel } from './git';
import { BUILD_DIRS, BUILD_REASON, VENDORED_REASON, folderNamed, pathSkipReason, vendoredDirOf } from './skipRules';
import type { FileSource, SourceEntry } from './types';
import { walkFolder } from './walk';

export { gitChangedFiles } from './git';

/** A path of the run's own output (the report, the cache folder), never reviewed. */
export interface OwnPath {
  path: string;
  reason: string;
}

export interface RepoSourceOptions {
  /** Absolute folder every path is relative to. */
  root: string;
  /** Files or folders relative to root (forward slashes); none: everything. */
  paths?: string[];
  /** The root lies in a git work tree: git's file set is used. */
  git: boolean;
  /** Only files changed against HEAD (`--changed`), or against the merge base with a ref (`--base`). */
  only?: { changed: true } | { base: string };
  own?: OwnPath[];
}

function under(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

function wantedBy(paths: string[]): (path: string) => boolean {
  const clean = paths.map((p) => p.replace(/\/+$/, '')).map((p) => (p === '.' ? '' : p));
  return clean.length === 0 ? () => true : (path) => clean.some((p) => under(path, p));
}

function ownReason(own: OwnPath[], path: string): OwnPath | undefined {
  return own.find((o) => under(path, o.path));
}

/** Files present on disk get their size; gone ones (deleted in the work tree) are dropped; submodules and symbolic links are skipped. */
async function withSizes(root: string, paths: string[]): Promise<SourceEntry[]> {
  const out: SourceEntry[] = [];
  const batch = 64;
  for (let i = 0; i < paths.length; i += batch) {
    const infos = await Promise.all(paths.slice(i, i + batch).map((p) => lstat(join(root, p)).catch(() => null)));
    infos.forEach((info, j) => {
      const path = paths[i + j];
      if (!info) return;
      if (info.isSymbolicLink()) out.push({ path, skip: 'symbolic link (not followed)' });
      else if (info.isDirectory()) out.push({ path, skip: 'git submodule (not reviewed)' });
      else if (info.isFile()) out.push({ path, size: info.size });
    });
  }
  return out;
}

interface GitListing {
  tracked: string[];
  untracked: string[];
  ignored: string[];
  skipped: SourceEntry[];
  diffs: Map<string, FileDiff>;
}

async function listChanged(root: string, wanted: (p: string) => boolean): Promise<GitListing> {
  const untracked = fields0(await git(root, ['ls-files', '-z', '--others', '--exclude-standard'])).filter(wanted);
  let tracked: string[];
  try {
    tracked = fields0(await git(root, ['diff', '-z', '--name-only', '--relative', '--diff-filter=d', 'HEAD']));
  } catch {
    tracked = fields0(await git(root, ['ls-files', '-z']));
  }
  return { tracked: tracked.filter(wanted), untracked, ignored: [], skipped: [], diffs: new Map() };
}

async function listSinceBase(root: string, ref: string, wanted: (p: string) => boolean): Promise<GitListing> {
  const base = await mergeBase(root, ref);
  const changed = (await changedSince(root, base)).filter((f) => wanted(f.path));
  const listing: GitListing = { tracked: [], untracked: [], ignored: [], skipped: [], diffs: new Map() };
  const needDiff: ChangedFile[] = [];
  for (const f of changed) {
    if (f.unchanged) {
      listing.skipped.push({ path: f.path, skip: `renamed from ${f.from} without changes (not re-sent)` });
      continue;
    }
    (f.status === 'untracked' ? listing.untracked : listing.tracked).push(f.path);
    if (f.status === 'untracked') listing.diffs.set(f.path, { added: [], hunks: [], text: '', newFile: true });
    else if (!pathSkipReason(f.path)) needDiff.push(f);
  }
  for (let i = 0; i < needDiff.length; i += 4) {
    const texts = await Promise.all(needDiff.slice(i, i + 4).map((f) => fileDiffText(root, base, f)));
    texts.forEach((t, j) => listing.diffs.set(needDiff[i + j].path, needDiff[i + j].status === 'added' ? { ...parseUnifiedDiff(t), newFile: true } : parseUnifiedDiff(t)));
  }
  return listing;
}

/** git's file set with the review's folder rules and .gitattributes on top. */
async function listGit(o: RepoSourceOptions): Promise<{ entries: SourceEntry[]; diffs: Map<string, FileDiff> }> {
  const wanted = wantedBy(o.paths ?? []);
  const specs = (o.paths ?? []).filter((p) => p !== '' && p !== '.');
  let listing: GitListing;
  if (o.only && 'base' in o.only) listing = await listSinceBase(o.root, o.only.base, wanted);
  else if (o.only) listing = await listChanged(o.root, wanted);
  else listing = { ...(await gitFileSet(o.root, specs)), skipped: [], diffs: new Map() };

  const own = o.own ?? [];
  const entries: SourceEntry[] = [...listing.skipped];
  const folders = new Map<string, string>();
  const candidates: string[] = [];
  const untracked = new Set(listing.untracked);
  for (const path of [...new Set([...listing.tracked, ...listing.untracked])]) {
    const mine = ownReason(own, path);
    const vendored = vendoredDirOf(path);
    const build = untracked.has(path) ? folderNamed(path, BUILD_DIRS) : null;
    if (mine) folders.set(mine.path, mine.reason);
    else if (vendored) folders.set(vendored, VENDORED_REASON);
    else if (build) folders.set(build, BUILD_REASON);
    else candidates.push(path);
  }
  for (const [path, reason] of folders) entries.push({ path, dir: true, skip: reason });
  for (const path of listing.ignored) {
    if (ownReason(own, path)) continue;
    const dir = path.endsWith('/');
    entries.push({ path: dir ? path.slice(0, -1) : path, ...(dir ? { dir: true } : {}), skip: 'ignored by .gitignore' });
  }
  const attrs = await linguistAttributes(o.root, candidates);
  for (const entry of await withSizes(o.root, candidates)) {
    if (!entry.skip && attrs.generated.has(entry.path)) entry.skip = 'generated (linguist-generated in .gitattributes)';
    else if (!entry.skip && attrs.vendored.has(entry.path)) entry.skip = 'vendored (linguist-vendored in .gitattributes)';
    entries.push(entry);
  }
  return { entries, diffs: listing.diffs };
}

/**
 * The files to consider under `root`: git's file set in a work tree (`git ls-files --cached
 * --others --exclude-standard`), else a walk honouring every .gitignore. Vendored folders, untracked
 * build output and ignored folders are listed once as pruned folders.
 */
export function repoFileSource(o: RepoSourceOptions): FileSource {
  let diffs = new Map<string, FileDiff>();
  return {
    ignoresApplied: true,
    async list() {
      if (o.git) {
        const listed = await listGit(o);
        diffs = listed.diffs;
        return listed.entries;
      }
      if (o.only) await requireGitTopLevel(o.root);
      return walkFolder(o.root, o.paths ?? [], o.own ?? []);
    },
    read: (path) => readFile(join(o.root, path)),
    diffOf: (path) => diffs.get(path),
  };
}

/** An in-memory source (tests, and the extension's "current file" with unsaved text). */
export function memorySource(files: Record<string, string | Uint8Array>): FileSource {
  const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  return {
    list: async () => Object.entries(files).map(([path, v]) => ({ path, size: bytes(v).byteLength })),
    read: async (path) => {
      if (!(path in files)) throw new Error(`no such file: ${path}`);
      return bytes(files[path]);
    },
  };
}

export { GitError };
