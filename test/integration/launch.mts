// Runs the integration suite (out/test/integration) inside a real VS Code:
//  - desktop VS Code through @vscode/test-electron when VSCODE_EXECUTABLE is set, a desktop
//    install is found, or RELAY_TEST_VSCODE=download (a machine that can download it);
//  - otherwise the VS Code server build in headless Chromium, with the extension and the
//    runner passed in the workbench URL's payload: on every version of CODE_SERVER_VERSIONS
//    (the current VS Code and the oldest one engines.vscode claims), or only those named in
//    RELAY_TEST_CODE_SERVER (e.g. 4.100.0); on each, a trusted and an untrusted launch.
// Extra extensions for the test host: every folder under test/fixtures/extensions/ is an
// unpacked extension (package.json with publisher, name, version; a plain-JS main, no build
// step) copied into the run's --extensions-dir as `publisher.name-version`, which is how VS Code
// names an installed extension; both server builds load it next to ours. The desktop launcher
// passes the same folders as extra --extensionDevelopmentPath.
// Prints each test, then `N passed, N failed` (all versions together, one line per version
// before it); the exit status is the number of failures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { ProvisionError, copyWorkspace, describeVersion, testedVersions } from '../../scripts/vscode-server.mjs';
import { FIXTURE_WORKSPACE, ROOT, fixtureExtensions, openWorkbench, vscodeResultsDir } from '../e2e/workbench.mjs';
import type { IntegrationResults } from './index';

const RESULTS_ROOT = join(ROOT, 'test-results', 'integration');
const RUNNER = join(ROOT, 'out', 'test', 'integration', 'index.js');
/** The whole suite must finish in this time; a hang is a failure, not a wait forever. */
const SUITE_LIMIT_MS = Number(process.env.RELAY_TEST_TIMEOUT_MS ?? 10 * 60_000);
const DESKTOP_CANDIDATES = ['/usr/share/code/code', '/usr/bin/code-insiders', '/snap/code/current/usr/share/code/code'];

function build(): void {
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed: fix the build first.\n${result.stderr}`);
  if (!existsSync(RUNNER)) throw new Error(`${RUNNER} was not built: test/integration/index.ts is missing.`);
}

function desktopExecutable(): string | 'download' | undefined {
  if (process.env.RELAY_TEST_VSCODE === 'server') return undefined;
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  if (process.env.RELAY_TEST_VSCODE === 'download') return 'download';
  return DESKTOP_CANDIDATES.find((p) => existsSync(p));
}

async function runInDesktop(executable: string | 'download', resultsFile: string): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const runDir = mkdtempSync(join(tmpdir(), 'relay-assistant-it-'));
  try {
    const workspace = copyWorkspace(FIXTURE_WORKSPACE, runDir);
    console.log(`integration: desktop VS Code ${executable === 'download' ? '(downloaded by @vscode/test-electron)' : executable}`);
    return await runTests({
      ...(executable === 'download' ? {} : { vscodeExecutablePath: executable }),
      extensionDevelopmentPath: [ROOT, ...fixtureExtensions().map((e) => e.folder)],
      extensionTestsPath: RUNNER,
      extensionTestsEnv: { RELAY_ASSISTANT_TEST_RESULTS: resultsFile, RELAY_TEST_GREP: process.env.RELAY_TEST_GREP ?? '' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'udd'), '--extensions-dir', join(runDir, 'ext')],
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** One launch of the server build: where its results go and how it differs from the default. */
interface ServerRun {
  version: string;
  resultsDir: string;
  resultsFile: string;
  logName: string;
  env: Record<string, string>;
  workspaceTrust?: boolean;
  settings?: Record<string, unknown>;
}

function trustedRun(version: string, resultsDir: string): ServerRun {
  return { version, resultsDir, resultsFile: join(resultsDir, 'results.json'), logName: '', env: {} };
}

/** The second launch: Workspace Trust on, so the fixture workspace opens in Restricted Mode; only the untrusted-workspace tests run. */
function untrustedRun(version: string, resultsDir: string): ServerRun {
  return {
    version,
    resultsDir,
    resultsFile: join(resultsDir, 'results-untrusted.json'),
    logName: 'untrusted',
    env: { RELAY_TEST_UNTRUSTED: '1', RELAY_TEST_GREP: UNTRUSTED_GREP },
    workspaceTrust: true,
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' },
  };
}
const UNTRUSTED_GREP = 'trust: untrusted workspace';

async function runInServer(run: ServerRun): Promise<number> {
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  const serverLog: string[] = [];
  const consoleLog: string[] = [];
  const suffix = run.logName ? `-${run.logName}` : '';
  const workbench = await openWorkbench({
    version: run.version,
    env: { RELAY_ASSISTANT_TEST_RESULTS: run.resultsFile, RELAY_TEST_GREP: process.env.RELAY_TEST_GREP ?? '', ...run.env },
    workspaceTrust: run.workspaceTrust,
    settings: run.settings,
    extensions: fixtureExtensions(),
    payload: [
      ['extensionDevelopmentPath', `vscode-remote://{server}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://{server}${RUNNER}`],
    ],
    onServerOutput: (text) => serverLog.push(text),
    beforeLoad: async (page) => {
      await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => consoleLog.push(format(...args)));
    },
  });
  console.log(`integration: ${describeVersion(run.version)} at ${workbench.server.url} in headless Chromium${run.workspaceTrust ? ' (Workspace Trust on)' : ''}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), SUITE_LIMIT_MS)));
    const code = await Promise.race([exited, timedOut]);
    if (code === -1) throw new Error(`the suite did not finish within ${SUITE_LIMIT_MS / 1000} s (logs in ${run.resultsDir})`);
    return code;
  } finally {
    clearTimeout(timer);
    writeFileSync(join(run.resultsDir, `code-server${suffix}.log`), serverLog.join(''));
    writeFileSync(join(run.resultsDir, `console${suffix}.log`), consoleLog.join('\n') + '\n');
    await workbench.close();
  }
}

function readResults(file: string): IntegrationResults | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as IntegrationResults;
}

function noResults(title: string, exitCode: number, resultsDir: string): IntegrationResults {
  return { passed: 0, failed: 1, tests: [{ title, state: 'failed', durationMs: 0, error: `no results were written (VS Code exit code ${exitCode}): the runner did not run; logs in ${resultsDir}` }] };
}

/** Runs the untrusted-workspace tests in their own VS Code (server build only) unless RELAY_TEST_GREP leaves them out. */
async function runUntrusted(version: string, resultsDir: string, results: IntegrationResults): Promise<number> {
  const grep = process.env.RELAY_TEST_GREP;
  if (grep && !new RegExp(grep).test(`trust: keys belong to their relay ${UNTRUSTED_GREP}`)) return 0;
  const run = untrustedRun(version, resultsDir);
  const exitCode = await runInServer(run);
  const more = readResults(run.resultsFile);
  if (!more || more.passed + more.failed === 0) {
    results.failed++;
    results.tests.push({ title: 'trust: untrusted workspace (second VS Code, Workspace Trust on)', state: 'failed', durationMs: 0, error: `no untrusted-workspace test ran (VS Code exit code ${exitCode}); logs in ${resultsDir}` });
    return 1;
  }
  results.passed += more.passed;
  results.failed += more.failed;
  results.tests.push(...more.tests);
  return exitCode;
}

/** Both launches on one server build; a launch that could not start counts as one failure, and the other versions still run. */
async function runVersion(version: string): Promise<IntegrationResults> {
  const resultsDir = vscodeResultsDir(RESULTS_ROOT, version);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();
  console.log(`\n--- integration on ${describeVersion(version)} ---`);
  let results: IntegrationResults;
  try {
    const trusted = trustedRun(version, resultsDir);
    const exitCode = await runInServer(trusted);
    results = readResults(trusted.resultsFile) ?? noResults('integration suite (trusted workspace)', exitCode, resultsDir);
    const untrustedExit = await runUntrusted(version, resultsDir, results);
    if (Math.max(exitCode, untrustedExit) !== 0 && results.failed === 0) results.failed = 1;
  } catch (error) {
    const message = error instanceof ProvisionError ? error.message : String((error as Error)?.stack ?? error);
    results = { passed: 0, failed: 1, tests: [{ title: `integration on ${describeVersion(version)}`, state: 'failed', durationMs: 0, error: message }] };
  }
  printResults(results);
  printActivation(resultsDir);
  console.log(`  ${describeVersion(version)}: ${results.passed} passed, ${results.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${resultsDir})`);
  return results;
}

function printActivation(resultsDir: string): void {
  const file = join(resultsDir, 'activation.json');
  if (!existsSync(file)) return;
  const timing = JSON.parse(readFileSync(file, 'utf8')) as { activationMs: number; codeLoadingMs: number | null; hostWaitMs?: number | null; source: string };
  console.log(`  activation: ${timing.activationMs} ms (code loading ${timing.codeLoadingMs ?? '?'} ms; host wait before activate() ${timing.hostWaitMs ?? '?'} ms, not counted; ${timing.source}) -> ${file}`);
}

function printResults(results: IntegrationResults): void {
  for (const test of results.tests) {
    console.log(`  ${test.state === 'passed' ? 'ok  ' : 'FAIL'} ${test.title}`);
    if (test.error) console.log(test.error.split('\n').slice(0, 8).map((l) => `         ${l}`).join('\n'));
  }
}

async function runDesktop(executable: string | 'download'): Promise<IntegrationResults> {
  const resultsDir = join(RESULTS_ROOT, 'desktop');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, 'results.json');
  const exitCode = await runInDesktop(executable, resultsFile);
  const results = readResults(resultsFile) ?? noResults('integration suite (desktop VS Code)', exitCode, resultsDir);
  if (exitCode !== 0 && results.failed === 0) results.failed = 1;
  printResults(results);
  printActivation(resultsDir);
  return results;
}

async function main(): Promise<number> {
  build();
  const desktop = desktopExecutable();
  const total = { passed: 0, failed: 0 };
  const runs = desktop ? [await runDesktop(desktop)] : [];
  // One VS Code at a time: two at once would only slow both on a small machine.
  if (!desktop) for (const version of testedVersions()) runs.push(await runVersion(version));
  for (const results of runs) {
    total.passed += results.passed;
    total.failed += results.failed;
  }
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed;
}

main().then(
  (failures) => process.exit(Math.min(failures, 255)),
  (error: unknown) => {
    console.error(error instanceof ProvisionError ? error.message : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
