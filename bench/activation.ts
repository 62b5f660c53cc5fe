// Extension activation in a real VS Code: runs the integration tier's activation suite (which
// reads the extension host's own timing marks) and reports what it wrote.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_ENV, CURRENT_CODE_SERVER, resultsFolderName } from '../scripts/vscode-server.mjs';
import type { BenchSection } from './report';

const ROOT = join(__dirname, '..');
/** One server build: RELAY_TEST_CODE_SERVER's first version, else the current VS Code. */
const VERSION = (process.env[CODE_SERVER_ENV] ?? '').split(',')[0] || CURRENT_CODE_SERVER;
const TIMING_FILE = join(ROOT, 'test-results', 'integration', resultsFolderName(VERSION), 'activation.json');

interface ActivationTiming {
  activationMs: number;
  codeLoadingMs: number | null;
  hostWaitMs?: number | null;
  activateBodyMs: number | null;
  source: string;
  vscodeVersion: string;
}

export async function run(): Promise<BenchSection> {
  rmSync(TIMING_FILE, { force: true });
  const launch = spawnSync(process.execPath, ['--import', 'tsx', 'test/integration/launch.mts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, RELAY_TEST_GREP: 'activation', [CODE_SERVER_ENV]: VERSION },
  });
  let timing: ActivationTiming;
  try {
    timing = JSON.parse(readFileSync(TIMING_FILE, 'utf8'));
  } catch {
    throw new Error(`the activation suite wrote no timing (exit ${launch.status}):\n${launch.stdout}\n${launch.stderr}`);
  }
  return {
    title: `Extension activation (VS Code ${timing.vscodeVersion}, development build)`,
    rows: [
      { name: 'activation: code loading to activate() done', value: timing.activationMs, unit: 'ms', target: '< 50 ms', pass: timing.activationMs < 50 },
      ...(timing.codeLoadingMs === null ? [] : [{ name: 'loading dist/extension.js', value: timing.codeLoadingMs, unit: 'ms' }]),
      ...(timing.activateBodyMs === null ? [] : [{ name: 'activate() itself', value: timing.activateBodyMs, unit: 'ms' }]),
      ...(timing.hostWaitMs == null ? [] : [{ name: 'host wait before activate() (not counted)', value: timing.hostWaitMs, unit: 'ms' }]),
    ],
    notes: [
      `from the extension host's timing marks (${timing.source}); one activation in the VS Code server build under headless Chromium.`,
      'counted: loading the code plus activate() to done. Not counted: the wait between them, where the host prepares the',
      "extension context; with onStartupFinished that happens while the window is still starting, shared by every startup extension.",
    ],
  };
}
