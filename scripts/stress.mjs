// `npm run test:stress`: the integration tier N times in a row (default 10) while busy-loop
// child processes keep every core at 100 %, printing each run's result and a closing tally.
// Our own busy loop (no stress-ng needed): one `node -e` spinning process per core.
// Usage: npm run test:stress [-- --runs 10] [--load 2]   Exit status: the number of failed runs.
// Each run covers both VS Code versions; RELAY_TEST_CODE_SERVER=4.139.1 (or 4.100.0) stresses one.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const TSX = resolve(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const LOGS = join(ROOT, 'test-results', 'stress');
const SUMMARY = /^(\d+) passed, (\d+) failed\s*$/m;

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number (got ${process.argv[at + 1]})`);
  return value;
}

const runs = option('--runs', 10);
const load = option('--load', availableParallelism());

/** One process per core spinning forever; ended by pid when the runs are done. */
function startLoad(count) {
  const spinners = [];
  for (let i = 0; i < count; i++) spinners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return () => spinners.forEach((child) => child.kill('SIGKILL'));
}

function integrationTier() {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [TSX, 'test/integration/launch.mts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('exit', (code) => {
      const summary = [...output.matchAll(new RegExp(SUMMARY.source, 'gm'))].pop();
      const passed = Number(summary?.[1] ?? 0);
      const failed = summary ? Number(summary[2]) : 1;
      done({ passed, failed: code !== 0 && failed === 0 ? 1 : failed, seconds: Math.round((Date.now() - started) / 1000), output });
    });
  });
}

async function main() {
  mkdirSync(LOGS, { recursive: true });
  console.log(`stress: the integration tier ${runs} times, with ${load} busy-loop process(es) on ${availableParallelism()} core(s)`);
  const stopLoad = startLoad(load);
  const ended = () => stopLoad();
  process.once('SIGINT', () => (ended(), process.exit(130)));
  let green = 0;
  try {
    for (let run = 1; run <= runs; run++) {
      const result = await integrationTier();
      const log = join(LOGS, `run-${run}.log`);
      writeFileSync(log, result.output);
      const ok = result.failed === 0 && result.passed > 0;
      if (ok) green++;
      console.log(`run ${run}/${runs}: ${ok ? 'ok  ' : 'FAIL'} ${result.passed} passed, ${result.failed} failed (${result.seconds} s)${ok ? '' : ` -> ${log}`}`);
      if (!ok) for (const line of result.output.split('\n').filter((l) => l.startsWith('  FAIL'))) console.log(`    ${line.trim()}`);
    }
  } finally {
    ended();
  }
  console.log(`${green}/${runs} runs passed under load`);
  return runs - green;
}

main().then(
  (failedRuns) => process.exit(Math.min(failedRuns, 255)),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
