import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { JsonReport } from '../../../src/core/review';
import { startSimulator, type Scenario, type Simulator } from '../../support/simulator';
import { todoReply } from './helpers';
import { gitRepo, tempFolder } from './repo';

describe('review CLI as a process: signals', () => {
  let sim: Simulator;
  let cli: string;
  let buildDir: string;
  let repo: string;
  before(async function () {
    this.timeout(60_000);
    sim = await startSimulator();
    buildDir = await tempFolder('review-cli-bundle-');
    cli = join(buildDir, 'cli.js');
    await build({ entryPoints: [join(__dirname, '../../../src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'silent', define: { __TEST_HOOKS__: 'false' } });
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`src/f${String(i).padStart(2, '0')}.ts`] = `export const v = ${i};\n// TODO ${i}\n`;
    repo = await gitRepo(files);
  });
  after(async () => {
    await sim.close();
    await rm(buildDir, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} mid-run stops sending, writes a valid partial report with the cancelled files marked, exits 3`, async function () {
      this.timeout(60_000);
      sim.reset();
      // Two files are answered; every later request is held until the run is stopped.
      let answered = 0;
      let heldResolve!: () => void;
      const held = new Promise<void>((r) => (heldResolve = r));
      const release: ((s: Scenario) => void)[] = [];
      sim.setResponder((req) => {
        if (answered < 2) {
          answered++;
          return todoReply(req);
        }
        heldResolve();
        return new Promise<Scenario>((r) => release.push(r));
      });
      const out = join(buildDir, 'reports', `${signal}.json`);
      const child = spawn(process.execPath, [cli, 'review', '--format', 'json', '--output', out, '--base-url', sim.url, '--concurrency', '2', '--retries', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b) => (stderr += b));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await held;
      child.kill(signal);
      const code = await exited;
      for (const r of release) r(todoReply({ method: 'POST', path: '', headers: {}, body: {} }));
      assert.equal(code, 3, stderr);
      const report: JsonReport = JSON.parse(await readFile(out, 'utf8'));
      assert.equal(report.cancelled, true);
      assert.equal(report.files.filter((f) => f.status === 'reviewed').length, 2);
      const cancelled = report.files.filter((f) => f.status === 'failed');
      assert.equal(cancelled.length, 10);
      assert.ok(cancelled.every((f) => f.errorKind === 'cancelled'));
      assert.ok(sim.requests.length < 12, `stopped sending (${sim.requests.length} requests)`);
      assert.match(stderr, /the report is partial/);
    });
  }
});
