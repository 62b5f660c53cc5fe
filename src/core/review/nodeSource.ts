// File sources for the CLI and tests: a node:fs walk, a fixed list of files, and git's changed files.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { GENERATED_DIRS } from './skipRules';
import type { FileSource, SourceEntry } from './types';

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Every file under `root`; generated/vendored folders are listed once as pruned folders, not walked. */
async function walk(root: string, dir: string, out: SourceEntry[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const full = join(dir, e.name);
    const path = toPosix(relative(root, full));
    if (e.isDirectory()) {
      if (GENERATED_DIRS.includes(e.name)) out.push({ path, dir: true });
      else await walk(root, full, out);
    } else if (e.isFile()) {
      out.push({ path, size: (await stat(full)).size });
    }
  }
}

/**
 * Files under `root`, or only `paths` (files or folders, relative to root or absolute) when given.
 * Paths in the listing are relative to root with forward slashes.
 */
export function nodeFileSource(root: string, paths: string[] = []): FileSource {
  const base = resolve(root);
  return {
    async list() {
      const out: SourceEntry[] = [];
      if (paths.length === 0) await walk(base, base, out);
      for (const p of paths) {
        const full = resolve(base, p);
        const info = await stat(full);
        if (info.isDirectory()) await walk(base, full, out);
        else out.push({ path: toPosix(relative(base, full)), size: info.size });
      }
      const seen = new Set<string>();
      return out.filter((e) => !seen.has(e.path) && seen.add(e.path));
    },
    read: (path) => readFile(join(base, path)),
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

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args[0]} failed: ${(stderr || err.message).trim()}`));
      else resolvePromise(stdout);
    });
  });
}

/** NUL-separated paths (git -z: no quoting of unusual names). */
function paths0(text: string): string[] {
  return text.split('\0').filter(Boolean);
}

/**
 * Files changed against git HEAD under `cwd` (modified, added, renamed; untracked but not ignored),
 * relative to `cwd` with forward slashes. Deleted files are left out. Without a HEAD commit, every
 * tracked and untracked file counts as changed.
 */
export async function gitChangedFiles(cwd: string): Promise<string[]> {
  const untracked = paths0(await git(cwd, ['ls-files', '-z', '--others', '--exclude-standard']));
  let changed: string[];
  try {
    changed = paths0(await git(cwd, ['diff', '-z', '--name-only', '--relative', '--diff-filter=d', 'HEAD']));
  } catch {
    changed = paths0(await git(cwd, ['ls-files', '-z']));
  }
  return [...new Set([...changed, ...untracked])].sort();
}
