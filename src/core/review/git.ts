// git as the review's source of truth: the work tree's top level, its file set (what git tracks
// plus untracked files it does not ignore), ignored folders, .gitattributes, merge bases and diffs.
import { execFile, spawn } from 'node:child_process';

/** The folder is not inside a git work tree (or git is not installed). */
export class NotGitRepositoryError extends Error {
  constructor(readonly folder: string) {
    super('This folder is not a git repository');
    this.name = 'NotGitRepositoryError';
  }
}

/** A git command failed for another reason (unknown ref, corrupt repository…). */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git in `cwd` with literal pathspecs; resolves stdout. */
export function git(cwd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (input === undefined) {
      execFile('git', ['--literal-pathspecs', ...args], { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
        if (err) reject(new GitError(`git ${args[0]} failed: ${(stderr || err.message).trim()}`));
        else resolvePromise(stdout);
      });
      return;
    }
    const child = spawn('git', ['--literal-pathspecs', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new GitError(`git ${args[0]} failed: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(new GitError(`git ${args[0]} failed: ${Buffer.concat(err).toString('utf8').trim()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** NUL-separated fields (git -z: no quoting of unusual names). */
export function fields0(text: string): string[] {
  return text.split('\0').filter(Boolean);
}

/** The top level of the work tree holding `folder`, or null outside git (or without git). */
export async function gitTopLevel(folder: string): Promise<string | null> {
  try {
    const top = (await git(folder, ['rev-parse', '--show-toplevel'])).trim();
    return top || null;
  } catch {
    return null;
  }
}

/** Like gitTopLevel, but outside git it throws NotGitRepositoryError. */
export async function requireGitTopLevel(folder: string): Promise<string> {
  const top = await gitTopLevel(folder);
  if (!top) throw new NotGitRepositoryError(folder);
  return top;
}

export interface GitFileSet {
  tracked: string[];
  /** Untracked and not ignored (every .gitignore level, .git/info/exclude, core.excludesFile). */
  untracked: string[];
  /** Ignored paths, folders once with a trailing slash (git ls-files --directory). */
  ignored: string[];
}

/** The file set under `cwd` (paths relative to it), optionally limited to pathspecs. */
export async function gitFileSet(cwd: string, pathspecs: string[] = [], opts: { ignored?: boolean } = {}): Promise<GitFileSet> {
  const specs = pathspecs.length ? ['--', ...pathspecs] : [];
  const [tracked, untracked, ignored] = await Promise.all([
    git(cwd, ['ls-files', '-z', '--cached', ...specs]),
    git(cwd, ['ls-files', '-z', '--others', '--exclude-standard', ...specs]),
    opts.ignored === false ? Promise.resolve('') : git(cwd, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', ...specs]),
  ]);
  return { tracked: [...new Set(fields0(tracked))], untracked: fields0(untracked), ignored: fields0(ignored) };
}

export interface LinguistAttributes {
  generated: Set<string>;
  vendored: Set<string>;
}

/** Paths marked `linguist-generated` or `linguist-vendored` by .gitattributes (git check-attr). */
export async function linguistAttributes(cwd: string, paths: string[]): Promise<LinguistAttributes> {
  const found: LinguistAttributes = { generated: new Set(), vendored: new Set() };
  if (paths.length === 0) return found;
  const out = fields0(await git(cwd, ['check-attr', '-z', '--stdin', 'linguist-generated', 'linguist-vendored'], paths.join('\0') + '\0'));
  for (let i = 0; i + 2 < out.length; i += 3) {
    const [path, attr, value] = [out[i], out[i + 1], out[i + 2]];
    if (value !== 'set' && value !== 'true') continue;
    (attr === 'linguist-generated' ? found.generated : found.vendored).add(path);
  }
  return found;
}

/**
 * Files changed against HEAD under `cwd` (modified, added, renamed; untracked but not ignored),
 * relative to `cwd`. Deleted files are left out. Without a HEAD commit, every file counts.
 */
export async function gitChangedFiles(cwd: string): Promise<string[]> {
  await requireGitTopLevel(cwd);
  const untracked = fields0(await git(cwd, ['ls-files', '-z', '--others', '--exclude-standard']));
  let changed: string[];
  try {
    changed = fields0(await git(cwd, ['diff', '-z', '--name-only', '--relative', '--diff-filter=d', 'HEAD']));
  } catch {
    changed = fields0(await git(cwd, ['ls-files', '-z']));
  }
  return [...new Set([...changed, ...untracked])].sort();
}

/** `git merge-base REF HEAD`; an unknown ref is a GitError naming it. */
export async function mergeBase(cwd: string, ref: string): Promise<string> {
  try {
    await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`unknown git ref "${ref}" (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
  try {
    return (await git(cwd, ['merge-base', ref, 'HEAD'])).trim();
  } catch {
    throw new GitError(`no common ancestor of "${ref}" and HEAD (a shallow clone? fetch the history, e.g. actions/checkout with fetch-depth: 0)`);
  }
}

export interface ChangedFile {
  /** Path in the work tree, relative to cwd. */
  path: string;
  /** The path at the base, for renames and copies. */
  from?: string;
  status: 'added' | 'modified' | 'renamed' | 'copied' | 'type-changed' | 'untracked';
  /** Renamed or copied with identical content (similarity 100). */
  unchanged?: boolean;
}

/** Files that differ between `base` and the work tree (renames detected), plus untracked files. Deleted ones are left out. */
export async function changedSince(cwd: string, base: string): Promise<ChangedFile[]> {
  const raw = fields0(await git(cwd, ['diff', '-z', '--name-status', '-M', '--relative', base]));
  const out: ChangedFile[] = [];
  for (let i = 0; i < raw.length; ) {
    const code = raw[i++];
    const kind = code[0];
    if (kind === 'R' || kind === 'C') {
      const from = raw[i++];
      const path = raw[i++];
      out.push({ path, from, status: kind === 'R' ? 'renamed' : 'copied', unchanged: code.slice(1) === '100' });
    } else {
      const path = raw[i++];
      if (kind === 'D') continue;
      out.push({ path, status: kind === 'A' ? 'added' : kind === 'T' ? 'type-changed' : 'modified' });
    }
  }
  const known = new Set(out.map((f) => f.path));
  for (const path of fields0(await git(cwd, ['ls-files', '-z', '--others', '--exclude-standard']))) if (!known.has(path)) out.push({ path, status: 'untracked' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The unified diff (3 lines of context) of one file between `base` and the work tree. */
export function fileDiffText(cwd: string, base: string, file: ChangedFile): Promise<string> {
  const paths = file.from ? [file.from, file.path] : [file.path];
  return git(cwd, ['diff', '--no-color', '--no-ext-diff', '-M', '-U3', '--relative', base, '--', ...paths]);
}
