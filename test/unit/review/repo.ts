// Git repositories (and plain folders) the review tests create on disk.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Tree = Record<string, string | Uint8Array>;

export async function writeTree(dir: string, files: Tree): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** A new folder under the system temp folder (symlinks resolved, as git reports paths). */
export async function tempFolder(prefix: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

/** Runs git in `dir` with a fixed identity; returns stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'core.excludesFile=', ...args], { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
}

/** `git init` + the tree; `commit` lists what to add and commit first (all of it by default). */
export async function gitRepo(files: Tree, opts: { commit?: string[] | 'all' | 'none' } = {}): Promise<string> {
  const dir = await tempFolder('review-repo-');
  git(dir, 'init', '-q');
  git(dir, 'config', 'core.excludesFile', '');
  await writeTree(dir, files);
  const commit = opts.commit ?? 'all';
  if (commit !== 'none') {
    git(dir, 'add', ...(commit === 'all' ? ['-A'] : commit));
    git(dir, 'commit', '-qm', 'base', '--allow-empty');
  }
  return dir;
}
