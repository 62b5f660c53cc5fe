// The mocha runner VS Code calls inside the extension host (extensionTestsPath). Runs every
// bundled suite (out/test/integration/suite/*.test.js) and writes a results file the
// launcher reads: the server build's extension host exits 0 even when tests fail.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface IntegrationResults {
  passed: number;
  failed: number;
  tests: TestOutcome[];
}

/** Where the launcher expects the results (set in the extension host's environment). */
export const RESULTS_ENV = 'RELAY_ASSISTANT_TEST_RESULTS';

function suiteFiles(): string[] {
  const dir = join(__dirname, 'suite');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(dir, name));
}

function record(runner: Mocha.Runner): IntegrationResults {
  const results: IntegrationResults = { passed: 0, failed: 0, tests: [] };
  runner.on('pass', (test) => {
    results.passed++;
    results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
  });
  runner.on('fail', (test, error: Error) => {
    results.failed++;
    results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error?.stack ?? String(error) });
  });
  return results;
}

function writeResults(results: IntegrationResults): void {
  const path = process.env[RESULTS_ENV];
  if (!path) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(results, null, 2));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.RELAY_TEST_GREP) mocha.grep(process.env.RELAY_TEST_GREP); // run a part of the suite while working on it
  for (const file of suiteFiles()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const finished = (results: IntegrationResults) => {
      writeResults(results);
      if (results.failed > 0) reject(new Error(`${results.failed} integration test(s) failed`));
      else resolve();
    };
    try {
      const runner = mocha.run(() => finished(results));
      const results = record(runner);
    } catch (error) {
      // A suite that throws while loading fails the run instead of vanishing.
      finished({ passed: 0, failed: 1, tests: [{ title: 'loading the integration suites', state: 'failed', durationMs: 0, error: String((error as Error)?.stack ?? error) }] });
    }
  });
}
