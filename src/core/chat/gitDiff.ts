// The git diff of a working tree for the `#changes` chip (vscode-free: node's child_process).
// No external diff tools or textconv filters run: a repository's config cannot make this
// execute anything but git itself.
import { execFile } from 'node:child_process';

const SAFE = ['--no-color', '--no-ext-diff', '--no-textconv'];

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' } }, (err, stdout, stderr) =>
      err ? reject(new Error((stderr || err.message).trim())) : resolve(stdout),
    );
  });
}

/** Staged and unstaged changes against HEAD (all of them before the first commit), then the untracked files' names. */
export async function workingTreeDiff(cwd: string): Promise<string> {
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
