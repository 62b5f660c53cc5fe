// Browser E2E: installs the packaged .vsix into a fresh VS Code server, points it at the demo
// relay (the simulator), and drives the UI in headless Chromium; once per server build
// (RELAY_TEST_CODE_SERVER picks one, e.g. 4.100.0; default: every version, newest first).
// Screenshots go to test-results/e2e/vscode-<version>/.
// Usage: tsx test/e2e/run.mts [--vsix path] [--only "name part"] [--no-size-check]
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionError, describeVersion, testedVersions } from '../../scripts/vscode-server.mjs';
import { demoResponder } from '../support/demo';
import { startSimulator, type Scenario as Answer, type Simulator } from '../support/simulator';
import { SCENARIOS, type Scenario, type ScriptedRelay } from './scenarios.mjs';
import { SCENARIOS as CHAT_PANEL } from './chat-panel.mjs';
import { SCENARIOS as EDIT } from './edit-scenarios.mjs';
import { SCENARIOS as COMPLETIONS } from './completions-scenario.mjs';
import { SCENARIOS as LM } from './lm-scenario.mjs';
import { SETUP_SCENARIOS } from './setup-scenario.mjs';
import { SCREENSHOTS, dismissOverlays, screenshot, useScreenshotDir, widenSideBar } from './ui.mjs';
import { ROOT, openWorkbench, vscodeResultsDir, waitForWorkbench, type Workbench } from './workbench.mjs';

/**
 * Every scenario file, in the order they run (one workbench; the chat keeps its history).
 * A new file of scenarios exports SCENARIOS and is added here.
 */
const ALL_SCENARIOS: Scenario[] = [...SCENARIOS, ...CHAT_PANEL, ...EDIT, ...COMPLETIONS, ...LM, ...SETUP_SCENARIOS]; // setup last: it switches relays

/** Slow enough that a person (and the test) sees the answer stream, fast enough to keep the tier short. */
const DELTA_DELAY_MS = 60;

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** --vsix, else the newest relay-assistant-*.vsix in the project folder. */
function findVsix(): string {
  const given = argument('--vsix');
  if (given) {
    if (!existsSync(given)) throw new ProvisionError(`${given} does not exist. Build it with: npm run package`);
    return given;
  }
  const built = readdirSync(ROOT)
    .filter((f) => /^relay-assistant-.*\.vsix$/.test(f))
    .map((f) => join(ROOT, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!built[0]) throw new ProvisionError('No relay-assistant-*.vsix found. Build it first: npm run package');
  return built[0];
}

/**
 * The demo relay on the simulator, plus answers a scenario scripts for the next chat completions.
 * Unlike sim.enqueue they are not taken by a GET /models the chat view sends whenever it loads.
 */
function scriptedDemoRelay(sim: Simulator): ScriptedRelay {
  const demo = demoResponder({ deltaDelayMs: DELTA_DELAY_MS });
  const next: Answer[] = [];
  sim.setResponder((req) => (req.method === 'POST' && req.path.endsWith('/chat/completions') && next.shift()) || demo(req));
  return { sim, answerNextCompletion: (answer) => void next.push(answer) };
}

async function runScenario(workbench: Workbench, relay: ScriptedRelay, scenario: Scenario): Promise<string | null> {
  const shots: string[] = [];
  const shot = async (name: string) => {
    shots.push(await screenshot(workbench.page, name));
  };
  try {
    await dismissOverlays(workbench.page);
    await scenario.run({ page: workbench.page, workspace: workbench.workspace, relay, shot });
    return null;
  } catch (error) {
    await shot('FAILED').catch(() => undefined);
    return (error as Error)?.stack ?? String(error);
  } finally {
    for (const path of shots) console.log(`       screenshot: ${path}`);
  }
}

const MAX_VSIX_BYTES = 1024 * 1024;

/** The package itself: small enough (sources, tests and maps stay out of it). */
function checkPackageSize(vsix: string): string | null {
  const bytes = statSync(vsix).size;
  console.log(`  ${bytes <= MAX_VSIX_BYTES ? 'ok  ' : 'FAIL'} the .vsix is under 1 MB (${(bytes / 1024).toFixed(0)} KB)`);
  return bytes <= MAX_VSIX_BYTES ? null : `${vsix} is ${bytes} bytes`;
}

type Counts = { passed: number; failed: number };

/** Every scenario in one fresh workbench of one server build. */
async function runOnVersion(version: string, vsix: string, scenarios: Scenario[]): Promise<Counts> {
  const dir = vscodeResultsDir(SCREENSHOTS, version);
  rmSync(dir, { recursive: true, force: true });
  useScreenshotDir(dir);
  const started = Date.now();
  const sim = await startSimulator({ host: '127.0.0.1' });
  const relay = scriptedDemoRelay(sim);
  const serverLog: string[] = [];
  const counts = { passed: 0, failed: 0 };
  console.log(`\n--- E2E on ${describeVersion(version)} ---`);
  try {
    const workbench = await openWorkbench({
      version,
      vsix,
      // VS Code 1.139 opens its own Chat in the secondary side bar of a new workspace: keep the
      // editor as wide as on 1.100 (a scenario that needs that Chat opens it).
      settings: { 'relayAssistant.baseUrl': sim.url, 'workbench.editor.enablePreview': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
      onServerOutput: (text) => serverLog.push(text),
    });
    try {
      console.log(`E2E: ${vsix} in ${describeVersion(version)} at ${workbench.server.url}, relay ${sim.url}`);
      workbench.page.setDefaultTimeout(30_000);
      await waitForWorkbench(workbench.page);
      await widenSideBar(workbench.page, 470);
      for (const scenario of scenarios) {
        if (scenario.knownIssue) {
          console.log(`  skip ${scenario.name}: ${scenario.knownIssue}`);
          continue;
        }
        const failure = await runScenario(workbench, relay, scenario);
        console.log(`  ${failure ? 'FAIL' : 'ok  '} ${scenario.name}`);
        if (failure) console.log(failure.split('\n').slice(0, 6).map((l) => `         ${l}`).join('\n'));
        counts[failure ? 'failed' : 'passed']++;
      }
    } finally {
      await workbench.close();
    }
  } catch (error) {
    // The workbench did not come up: one failure for this version; the other versions still run.
    console.log(`  FAIL ${describeVersion(version)}: ${error instanceof ProvisionError ? error.message : (error as Error)?.stack ?? error}`);
    counts.failed++;
  } finally {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'code-server.log'), serverLog.join(''));
    await sim.close();
  }
  console.log(`  ${describeVersion(version)}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in ${dir})`);
  return counts;
}

async function main(): Promise<Counts> {
  const vsix = findVsix();
  const only = argument('--only');
  const scenarios = ALL_SCENARIOS.filter((s) => !only || s.name.includes(only));
  const counts = { passed: 0, failed: 0 };
  // npm test runs this once per version: the package is checked in the first of those runs only.
  if (!process.argv.includes('--no-size-check')) counts[checkPackageSize(vsix) ? 'failed' : 'passed']++;
  for (const version of testedVersions()) {
    const more = await runOnVersion(version, vsix, scenarios);
    counts.passed += more.passed;
    counts.failed += more.failed;
  }
  return counts;
}

main().then(
  ({ passed, failed }) => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  },
  (error: unknown) => {
    console.error(error instanceof ProvisionError ? error.message : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
