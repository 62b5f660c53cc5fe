// `npm test`: every tier in order, each closing with `N passed, N failed`, then the total.
//  1 lint + typecheck   2 unit (mocha)   3–4 integration (real VS Code)   5–6 browser E2E (.vsix)
// The integration and E2E tiers run once per VS Code server build: the current VS Code and the
// oldest one engines.vscode claims (RELAY_TEST_CODE_SERVER=4.100.0 or 4.139.1 keeps one).
// `npm test -- --tiers=unit,integration` runs a subset. Exit status: non-zero if any tier failed.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_ENV, describeVersion, testedVersions } from './vscode-server.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const TSX = resolve(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SUMMARY = /^(\d+) passed, (\d+) failed\s*$/m;

/** Runs a command with its output streamed through; resolves with the exit code and the output. */
function run(command, args, env = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let output = '';
    const relay = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.once('error', (error) => done({ code: 127, output: `${output}\n${error.message}` }));
    child.once('exit', (code, signal) => done({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const npmRun = (script, ...args) => run('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])]);

/** Tier 1: each check is one result (the package.json scripts `lint` and `typecheck`). */
async function lintAndTypecheck() {
  const checks = [
    // The fixture workspace is deliberately flawed (it is what the demo review finds).
    ['npm run lint (eslint src test bench)', () => npmRun('lint', '--ignore-pattern', 'test/fixtures/**')],
    ['npm run typecheck (tsc --noEmit)', () => npmRun('typecheck')],
  ];
  const counts = { passed: 0, failed: 0 };
  for (const [name, check] of checks) {
    console.log(`> ${name}`);
    const { code } = await check();
    console.log(`  ${code === 0 ? 'ok' : 'FAIL'} ${name}`);
    counts[code === 0 ? 'passed' : 'failed']++;
  }
  return counts;
}

/** Tier 2: mocha's own counts (the package.json script `test:unit`). */
async function unit() {
  const { code, output } = await npmRun('test:unit');
  const passing = Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
  const failing = Number(/(\d+) failing/.exec(output)?.[1] ?? 0);
  // A crash before mocha could count anything is one failure, not zero.
  return { passed: passing, failed: failing || (code !== 0 ? 1 : 0) };
}

/** Tiers 3 and 4 print their own closing line; a non-zero exit without failures counts as one. */
async function summarised(command, args, env) {
  const { code, output } = await run(command, args, env);
  const lines = [...output.matchAll(new RegExp(SUMMARY.source, 'gm'))];
  const last = lines[lines.length - 1];
  const counts = last ? { passed: Number(last[1]), failed: Number(last[2]) } : { passed: 0, failed: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Tiers 3–4: the integration launcher on one server build (both of its launches, trusted and untrusted). */
function integration(version) {
  return summarised(process.execPath, [TSX, 'test/integration/launch.mts'], { [CODE_SERVER_ENV]: version });
}

/** The .vsix is built once for every E2E tier. */
let packaged;
function packageOnce() {
  packaged ??= (async () => {
    console.log('> npm run package');
    const result = await run('npm', ['run', 'package']);
    if (result.code !== 0) return { error: 'The .vsix could not be built (npm run package failed above); the E2E tier needs it.' };
    return { vsix: /Packaged: (\S+\.vsix)/.exec(result.output)?.[1] };
  })();
  return packaged;
}

/** Tiers 5–6: the browser E2E on one server build; the first of them also checks the package's size. */
async function e2e(version, first) {
  const { vsix, error } = await packageOnce();
  if (error) {
    console.log(error);
    return { passed: 0, failed: 1 };
  }
  const args = [TSX, 'test/e2e/run.mts', ...(vsix ? ['--vsix', vsix] : []), ...(first ? [] : ['--no-size-check'])];
  return summarised(process.execPath, args, { [CODE_SERVER_ENV]: version });
}

const VERSIONS = testedVersions();
const TIERS = [
  { id: 'lint', title: 'lint + typecheck', run: lintAndTypecheck },
  { id: 'unit', title: 'unit tests (mocha)', run: unit },
  ...VERSIONS.map((version) => ({ id: 'integration', title: `integration tests in ${describeVersion(version)}`, run: () => integration(version) })),
  ...VERSIONS.map((version, i) => ({ id: 'e2e', title: `browser E2E on the packaged .vsix in ${describeVersion(version)}`, run: () => e2e(version, i === 0) })),
];

function selectedTiers() {
  const arg = process.argv.find((a) => a.startsWith('--tiers='));
  if (!arg) return TIERS;
  const wanted = arg.slice('--tiers='.length).split(',');
  const unknown = wanted.filter((id) => !TIERS.some((t) => t.id === id));
  if (unknown.length) throw new Error(`Unknown tier(s): ${unknown.join(', ')}. Tiers: ${[...new Set(TIERS.map((t) => t.id))].join(', ')}`);
  return TIERS.filter((t) => wanted.includes(t.id));
}

async function main() {
  const total = { passed: 0, failed: 0 };
  const lines = [];
  for (const tier of selectedTiers()) {
    console.log(`\n=== Tier ${TIERS.indexOf(tier) + 1}: ${tier.title} ===`);
    const started = Date.now();
    const counts = await tier.run();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    lines.push(`  ${counts.failed ? "FAIL" : "ok  "} tier ${TIERS.indexOf(tier) + 1} ${tier.title}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  console.log(`\n=== Summary ===\n${lines.join('\n')}`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed;
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (error) => {
    console.error(error?.message ?? error);
    process.exit(1);
  },
);
