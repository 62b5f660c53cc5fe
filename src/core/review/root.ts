// The review root: every path in the report is relative to it. `--root` when given, else the git
// top level of the first path, else (outside git) the current folder when it holds every path,
// else the deepest folder that does.
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { gitTopLevel } from './git';

export interface ReviewRoot {
  /** Absolute, symlinks resolved. */
  root: string;
  /** The root lies in a git work tree. */
  git: boolean;
  /** The work tree's top level (absolute) when in git; the root itself unless --root chose a subfolder. */
  top?: string;
  /** The given paths relative to the root, forward slashes ('' for the root itself). */
  paths: string[];
}

/** A path that lies outside the root given with --root. */
export class OutsideRootError extends Error {
  constructor(readonly path: string, readonly root: string) {
    super(`"${path}" is outside the review root ${root}`);
    this.name = 'OutsideRootError';
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Real absolute paths; a missing path throws ENOENT (with the path the user typed). */
async function realPaths(cwd: string, paths: string[]): Promise<string[]> {
  return Promise.all(paths.map(async (p) => {
    try {
      return await realpath(resolve(cwd, p));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      err.path = p;
      throw err;
    }
  }));
}

async function folderOf(path: string): Promise<string> {
  return (await stat(path)).isDirectory() ? path : dirname(path);
}

function deepestCommon(folders: string[]): string {
  let common = folders[0];
  for (const f of folders.slice(1)) while (!inside(common, f)) common = dirname(common);
  return common;
}

export async function resolveReviewRoot(cwd: string, paths: string[], rootOption?: string): Promise<ReviewRoot> {
  const here = await realpath(cwd);
  const abs = await realPaths(here, paths);
  let root: string;
  let top: string | null;
  if (rootOption !== undefined) {
    root = (await realPaths(here, [rootOption]))[0];
    top = await gitTopLevel(root);
  } else {
    top = await gitTopLevel(abs.length ? await folderOf(abs[0]) : here);
    if (top) root = await realpath(top);
    else if (abs.every((p) => inside(here, p))) root = here;
    else root = deepestCommon(await Promise.all(abs.map(folderOf)));
  }
  const given = abs.length ? abs : [rootOption !== undefined ? root : here];
  given.forEach((p, i) => {
    if (!inside(root, p)) throw new OutsideRootError(paths[i] ?? cwd, root);
  });
  return { root, git: top !== null, ...(top ? { top: await realpath(top) } : {}), paths: given.map((p) => toPosix(relative(root, p))) };
}
