// `npm run bench`: each benchmark section in its own Node process (a clean heap, no cross-talk),
// one after another: relay, review, webview and activation (when their modules exist).
// Prints PASS/MISS per target; timing never fails the run, a section that crashes does.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sections = ['relay', 'review', 'memory', 'webview', 'activation', 'completions'].filter((name) => existsSync(join(root, 'bench', `${name}.ts`)));

const load = loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`Relay Assistant benchmark — node ${process.version}, ${availableParallelism()} cores, load ${load}, ${new Date().toISOString()}\n`);
let failed = 0;
for (const name of sections) {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/index.ts', name], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (failed) console.log(`${failed} section(s) failed to run.`);
process.exitCode = failed ? 1 : 0;
