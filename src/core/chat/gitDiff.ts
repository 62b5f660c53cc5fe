// The git diff of a working tree for the `#changes` chip (vscode-free: node's child_process).
// No external diff tools or textconv filters run: a repository's config cannot make this
// execute anything but git itself.
import { execFile } from 'node:child_process';

const SAFE = ['--no-color', '--no-ext-diff', '--no-textconv'];

/** Why there is no diff to attach: the folder is not a git working tree, or git is not there. */
export class NoGitChanges extends Error {
  constructor(readonly reason: 'not_repository' | 'no_git', detail: string) {
    super(detail);
    this.name = 'NoGitChanges';
  }
}

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' } }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new NoGitChanges('no_git', 'git was not found on PATH'));
      const text = (stderr || err.message).trim();
      reject(/not a git repository/i.test(text) ? new NoGitChanges('not_repository', text) : new Error(text));
    });
  });
}

/** What the chat says instead of a `#changes` chip when the changes cannot be read. */
export function changesProblem(e: unknown, folder: string): string {
  if (e instanceof NoGitChanges) {
    return e.reason === 'no_git'
      ? '#changes needs git, which was not found: install git (or add it to PATH), then try again.'
      : `${folder} is not a git repository, so there are no changes to attach: #changes attaches the uncommitted changes of a git working tree.`;
  }
  return `The git changes could not be read: ${e instanceof Error ? e.message.split('\n', 1)[0] : String(e)}`;
}

/** Staged and unstaged changes against HEAD (all of them before the first commit), then the untracked files' names. */
export async function workingTreeDiff(cwd: string): Promise<string> {
  // first: is this a working tree at all (`git diff` outside one falls back to a no-index diff and says so)
  await run(cwd, ['rev-parse', '--is-inside-work-tree']);
  let diff: string;
  try {
    diff = await run(cwd, ['diff', ...SAFE, 'HEAD']);
  } catch (e) {
    if (!/unknown revision|bad revision|ambiguous argument 'HEAD'/i.test((e as Error).message)) throw e;
    diff = (await run(cwd, ['diff', ...SAFE, '--cached'])) + (await run(cwd, ['diff', ...SAFE]));
  }
  const untracked = (await run(cwd, ['ls-files', '--others', '--exclude-standard'])).split('\n').filter(Boolean);
  const tail = untracked.length ? `\n# Untracked files (not in the diff):\n${untracked.map((p) => `#   ${p}`).join('\n')}\n` : '';
  return (diff + tail).trimEnd();
}
