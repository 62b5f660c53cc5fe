// Review memory: the bundled CLI reviews a 10,000-file git repository (about 30 MB of source)
// against the simulator, in a child process of its own; its peak RSS (process.resourceUsage) is
// compared with the same CLI printing --help. Files are read when sent, so memory stays flat.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startSimulator } from '../test/support/simulator';
import { completion } from '../test/support/sse';
import type { BenchSection } from './report';

const FILES = 10_000;
const LIMIT_MB = 200;

function sourceFile(i: number): string {
  const body = Array.from({ length: 60 }, (_, j) => `  const value${j} = compute(${i}, ${j}); // line ${j} of module ${i}`).join('\n');
  return `// Module ${i}\nexport function module${i}(compute: (a: number, b: number) => number) {\n${body}\n  return value0;\n}\n`;
}

async function repository(): Promise<{ dir: string; bytes: number }> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'bench-memory-repo-')));
  let bytes = 0;
  for (let d = 0; d < FILES / 100; d++) {
    await mkdir(join(dir, `pkg${d}`), { recursive: true });
    await Promise.all(Array.from({ length: 100 }, (_, k) => {
      const text = sourceFile(d * 100 + k);
      bytes += text.length;
      return writeFile(join(dir, `pkg${d}`, `m${k}.ts`), text);
    }));
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'bench');
  return { dir, bytes };
}

/** Runs the bundled CLI in a child process; resolves its peak RSS (MB), exit code and wall time. */
function runCli(cli: string, args: string[], cwd: string): Promise<{ rssMb: number; code: number; ms: number }> {
  const wrapper = `
    const { runCli } = require(${JSON.stringify(cli)});
    const io = { stdout: (t) => process.stdout.write(t), stderr: () => {}, readStdin: async () => '', stdinIsTTY: true, stdoutIsTTY: false, env: process.env, signal: new AbortController().signal };
    runCli(JSON.parse(process.argv[1]), io).then((code) => process.stderr.write(JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS })));`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', wrapper, JSON.stringify(args)], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        const r = JSON.parse(err.trim().split('\n').pop() ?? '');
        resolve({ rssMb: r.maxRss / 1024, code: r.code, ms: performance.now() - started });
      } catch {
        reject(new Error(`the CLI child failed: ${err.slice(0, 500)}`));
      }
    });
  });
}

export async function run(): Promise<BenchSection> {
  const work = await mkdtemp(join(tmpdir(), 'bench-memory-'));
  const sim = await startSimulator();
  sim.setResponder(() => ({ body: completion('{"findings": [{"line": 3, "severity": "info", "message": "bench finding"}]}', { prompt_tokens: 500, completion_tokens: 20 }) }));
  const { dir, bytes } = await repository();
  try {
    const cli = join(work, 'cli.js');
    await build({ entryPoints: [join(__dirname, '../src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'silent', define: { __TEST_HOOKS__: 'false' } });
    const idle = await runCli(cli, ['review', '--help'], dir);
    const review = await runCli(cli, ['review', '--base-url', sim.url, '--concurrency', '16', '--format', 'json', '--output', join(work, 'report.json'), '--fail-on', 'never'], dir);
    // Requests are recorded by the simulator in this process; count them, then let them go.
    const sent = sim.requests.length;
    return {
      title: `Review memory: ${FILES.toLocaleString('en-US')} files (${(bytes / 1024 / 1024).toFixed(1)} MB) through the bundled CLI`,
      rows: [
        { name: 'peak RSS, review of the whole repository', value: review.rssMb, unit: 'MB', ratio: review.rssMb / idle.rssMb, target: `< ${LIMIT_MB} MB`, pass: review.rssMb < LIMIT_MB },
        { name: 'peak RSS, review --help (baseline)', value: idle.rssMb, unit: 'MB' },
        { name: 'requests sent (one per file)', value: sent, unit: 'requests', target: `= ${FILES}`, pass: sent === FILES && review.code === 0 },
        { name: 'wall time of the review', value: review.ms, unit: 'ms' },
      ],
      notes: ['git repository with every file committed; simulator in the bench process answering at once; concurrency 16; ratio = against --help.'],
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}
