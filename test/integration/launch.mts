// Runs the integration suite (out/test/integration) inside a real VS Code:
//  - desktop VS Code through @vscode/test-electron when VSCODE_EXECUTABLE is set, a desktop
//    install is found, or RELAY_TEST_VSCODE=download (a machine that can download it);
//  - otherwise the VS Code server build in headless Chromium, with the extension and the
//    runner passed in the workbench URL's payload.
// Prints each test, then `N passed, N failed`; the exit status is the number of failures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { ProvisionError, copyWorkspace } from '../../scripts/vscode-server.mjs';
import { FIXTURE_WORKSPACE, ROOT, openWorkbench } from '../e2e/workbench.mjs';
import type { IntegrationResults } from './index';

const RESULTS_DIR = join(ROOT, 'test-results', 'integration');
const RESULTS_FILE = join(RESULTS_DIR, 'results.json');
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

async function runInDesktop(executable: string | 'download'): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const runDir = mkdtempSync(join(tmpdir(), 'relay-assistant-it-'));
  try {
    const workspace = copyWorkspace(FIXTURE_WORKSPACE, runDir);
    console.log(`integration: desktop VS Code ${executable === 'download' ? '(downloaded by @vscode/test-electron)' : executable}`);
    return await runTests({
      ...(executable === 'download' ? {} : { vscodeExecutablePath: executable }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: RUNNER,
      extensionTestsEnv: { RELAY_ASSISTANT_TEST_RESULTS: RESULTS_FILE, RELAY_TEST_GREP: process.env.RELAY_TEST_GREP ?? '' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'udd'), '--extensions-dir', join(runDir, 'ext')],
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The second launch: Workspace Trust on, so the fixture workspace opens in Restricted Mode; only the untrusted-workspace tests run. */
const UNTRUSTED: ServerRun = {
  resultsFile: join(RESULTS_DIR, 'results-untrusted.json'),
  logName: 'untrusted',
  env: { RELAY_TEST_UNTRUSTED: '1', RELAY_TEST_GREP: 'trust: untrusted workspace' },
  workspaceTrust: true,
  settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' },
};

interface ServerRun {
  resultsFile: string;
  logName: string;
  env: Record<string, string>;
  workspaceTrust?: boolean;
  settings?: Record<string, unknown>;
}

async function runInServer(run: ServerRun = { resultsFile: RESULTS_FILE, logName: '', env: {} }): Promise<number> {
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  const serverLog: string[] = [];
  const consoleLog: string[] = [];
  const suffix = run.logName ? `-${run.logName}` : '';
  const workbench = await openWorkbench({
    env: { RELAY_ASSISTANT_TEST_RESULTS: run.resultsFile, RELAY_TEST_GREP: process.env.RELAY_TEST_GREP ?? '', ...run.env },
    workspaceTrust: run.workspaceTrust,
    settings: run.settings,
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
  console.log(`integration: VS Code server build at ${workbench.server.url} in headless Chromium`);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), SUITE_LIMIT_MS)));
    const code = await Promise.race([exited, timedOut]);
    writeFileSync(join(RESULTS_DIR, `code-server${suffix}.log`), serverLog.join(''));
    if (code === -1) throw new Error(`the suite did not finish within ${SUITE_LIMIT_MS / 1000} s (logs in ${RESULTS_DIR})`);
    return code;
  } finally {
    clearTimeout(timer);
    writeFileSync(join(RESULTS_DIR, `console${suffix}.log`), consoleLog.join('\n') + '\n');
    await workbench.close();
  }
}

function readResults(file = RESULTS_FILE): IntegrationResults | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as IntegrationResults;
}

/** Runs the untrusted-workspace tests in their own VS Code (server build only) unless RELAY_TEST_GREP leaves them out. */
async function runUntrusted(results: IntegrationResults): Promise<number> {
  const grep = process.env.RELAY_TEST_GREP;
  if (grep && !new RegExp(grep).test(`trust: keys belong to their relay ${UNTRUSTED.env.RELAY_TEST_GREP}`)) return 0;
  const exitCode = await runInServer(UNTRUSTED);
  const more = readResults(UNTRUSTED.resultsFile);
  if (!more || more.passed + more.failed === 0) {
    results.failed++;
    results.tests.push({ title: 'trust: untrusted workspace (second VS Code, Workspace Trust on)', state: 'failed', durationMs: 0, error: `no untrusted-workspace test ran (VS Code exit code ${exitCode}); logs in ${RESULTS_DIR}` });
    return 1;
  }
  results.passed += more.passed;
  results.failed += more.failed;
  results.tests.push(...more.tests);
  return exitCode;
}

function printActivation(): void {
  const file = join(RESULTS_DIR, 'activation.json');
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

async function main(): Promise<number> {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  build();
  const desktop = desktopExecutable();
  let exitCode = desktop ? await runInDesktop(desktop) : await runInServer();
  const results = readResults();
  if (!results) {
    console.log(`No results were written (VS Code exit code ${exitCode}): the runner did not run.`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (!desktop) exitCode = Math.max(exitCode, await runUntrusted(results));
  printResults(results);
  printActivation();
  const failed = Math.max(results.failed, exitCode !== 0 && results.failed === 0 ? 1 : 0);
  console.log(`${results.passed} passed, ${failed} failed`);
  return failed;
}

main().then(
  (failures) => process.exit(Math.min(failures, 255)),
  (error: unknown) => {
    console.error(error instanceof ProvisionError ? error.message : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
