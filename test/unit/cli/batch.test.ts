// `review --batch` as a user runs it: the bundled CLI in a child process, real signals, the
// relay simulator serving the Batch API, the report on stdout and the record on disk.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../../src/core/review';
import type { BatchSim } from '../../support/batchSim';
import { todoAnswer } from '../review/batchHelpers';
import { gitRepo } from '../review/repo';
import { builtCli, useCliAndSimulator, SECRET_KEY } from './harness';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe('review --batch (CLI, child process)', function () {
  this.timeout(30_000);
  const h = useCliAndSimulator();
  let ws: string;
  let cache: string;
  let batches: BatchSim;

  beforeEach(async () => {
    batches = h.sim.enableBatches({ answer: todoAnswer, pollsInProgress: 1 });
    ws = await mkdtemp(join(tmpdir(), 'batch-ws-'));
    cache = await mkdtemp(join(tmpdir(), 'batch-cache-'));
    const files: Record<string, string> = {
      'src/app.ts': 'const a = 1;\n// TODO: remove\nexport default a;\n',
      'src/util.ts': 'export const u = 2;\n',
      'lib/more.py': '# TODO one\n# TODO two\n',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(ws, path, '..'), { recursive: true });
      await writeFile(join(ws, path), text);
    }
  });
  afterEach(async () => {
    await rm(ws, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  });

  /** Runs the CLI in the workspace; `onStderr` sees stderr as it grows (to signal the child mid-run). */
  async function cli(args: string[], onStderr?: (text: string, child: ChildProcess) => void): Promise<Run> {
    const child = spawn(process.execPath, [await builtCli(), 'review', ...args], {
      cwd: ws,
      env: { PATH: process.env.PATH ?? '', HOME: ws, XDG_CACHE_HOME: join(ws, '.no-default-cache'), RELAY_BASE_URL: h.sim.url, RELAY_API_KEY: SECRET_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('close', (c, s) => done([c, s])));
    return { code, signal, stdout, stderr };
  }

  const base = ['--batch', '--batch-poll-ms', '1000', '--cache', '', '--format', 'json'];
  const args = (...extra: string[]) => [...base.map((a) => (a === '' ? cache : a)), ...extra];
  const report = (r: Run) => JSON.parse(r.stdout) as JsonReport;
  const findingsOf = (r: Run) => report(r).files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}`)).sort();
  const records = async () => (await readdir(cache)).filter((n) => n.startsWith('batch-'));

  it('submits one batch, shows progress and the batch price on stderr, and writes the same JSON report as a live review', async () => {
    const r = await cli(args('--fail-on', 'warning'));
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findingsOf(r), ['lib/more.py:1', 'lib/more.py:2', 'src/app.ts:2']);
    assert.match(r.stderr, /review \(batch\): 3 file\(s\) to send \(3 request\(s\)\), 0 cached, 0 skipped; .* at the batch price \(50%; live \$/);
    assert.match(r.stderr, /batch batch_\w+ submitted \(3 request\(s\), round 1\)/);
    assert.match(r.stderr, /batch batch_\w+ completed: 3\/3 answered, 0 failed/);
    assert.equal(batches.created, 1);
    assert.equal(h.sim.requests.filter((x) => x.path.endsWith('/chat/completions')).length, 0);
    assert.ok(!r.stderr.includes(SECRET_KEY) && !r.stdout.includes(SECRET_KEY));
    assert.deepEqual(await records(), []);
    // the findings are cached: a second run sends nothing
    const again = await cli(args('--fail-on', 'warning'));
    assert.equal(again.code, 1);
    assert.equal(batches.created, 1);
    assert.equal(report(again).summary.cached, 3);
  });

  it('killed (SIGKILL) after the batch was submitted, the same command picks the batch up: one batch created, billed once', async () => {
    batches.configure({ hold: true });
    const killed = await cli(args(), (text, child) => {
      if (/submitted/.test(text) && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    assert.equal(killed.signal, 'SIGKILL');
    assert.equal((await records()).length, 1, 'the batch record is on disk');
    batches.release();
    const resumed = await cli(args('--fail-on', 'never'));
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /picking up batch batch_\w+ recorded in /);
    assert.doesNotMatch(resumed.stderr, /submitted/);
    assert.equal(batches.created, 1);
    assert.equal(batches.uploads, 1);
    assert.deepEqual(findingsOf(resumed), ['lib/more.py:1', 'lib/more.py:2', 'src/app.ts:2']);
    assert.deepEqual(await records(), []);
  });

  it('Ctrl+C (SIGINT) while waiting: says the batch keeps running and how to collect it, keeps the record, writes the partial report (exit 3)', async () => {
    batches.configure({ hold: true });
    const r = await cli(args(), (text, child) => {
      if (/submitted/.test(text) && !child.killed) child.kill('SIGINT');
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /stopped waiting\. The batch keeps running on the relay \(recorded in .*\); run the same command again to collect it, or add --cancel-batch/);
    assert.equal((await records()).length, 1);
    const partial = report(r);
    assert.equal(partial.summary.failed, 3);
    assert.ok(partial.files.every((f) => f.status === 'failed' && /the batch keeps running on the relay/.test(f.reason ?? '')), r.stdout);
  });

  it('--no-wait prints the batch id and exits 0; a later run collects it', async () => {
    batches.configure({ hold: true });
    const first = await cli(args('--no-wait'));
    assert.equal(first.code, 0, first.stderr);
    const [id] = batches.batchIds();
    assert.equal(first.stdout.trim(), id);
    assert.match(first.stderr, /run the same command again to collect/);
    const still = await cli(args('--no-wait'));
    assert.equal(still.code, 0);
    assert.equal(still.stdout.trim(), id);
    batches.release();
    const done = await cli(args('--fail-on', 'never'));
    assert.equal(done.code, 0, done.stderr);
    assert.equal(report(done).summary.reviewed, 3);
    assert.equal(batches.created, 1);
  });

  it('--cancel-batch cancels the recorded batch on the relay; its files are reported failed (exit 3)', async () => {
    batches.configure({ hold: true });
    await cli(args('--no-wait'));
    const [id] = batches.batchIds();
    const r = await cli(args('--cancel-batch'));
    assert.equal(r.code, 3, r.stderr);
    assert.ok(h.sim.requests.some((x) => x.method === 'POST' && x.path === `/v1/batches/${id}/cancel`));
    assert.match(r.stderr, /asked the relay to cancel batch/);
    assert.ok(report(r).files.every((f) => f.status === 'failed'));
    assert.equal(batches.created, 1);
  });

  it('a relay without a batch API: exit 3 with the message, nothing sent for review; --batch auto reviews live instead', async () => {
    h.sim.reset();
    h.sim.setResponder(todoReplyOr404);
    const r = await cli(args());
    assert.equal(r.code, 3);
    assert.match(r.stderr, /error\[batch\]: this relay has no batch API; run the review without --batch/);
    assert.deepEqual(h.sim.requests.map((x) => `${x.method} ${x.path}`), ['POST /v1/files']);
    assert.equal(r.stdout, '');
    h.sim.requests.length = 0;
    const auto = await cli(['--batch', 'auto', '--cache', cache, '--format', 'json', '--fail-on', 'never']);
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(auto.stderr, /no batch API; reviewing on the live path instead/);
    assert.equal(h.sim.requests.filter((x) => x.path === '/v1/chat/completions').length, 3);
    assert.equal(report(auto).summary.reviewed, 3);
  });

  it('--batch-price-factor sets the batch price of the estimate; --max-cost refuses on it before anything is sent', async () => {
    const r = await cli(args('--batch-price-factor', '0.25', '--max-cost', '0'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at the batch price \(25%; live \$/);
    assert.match(r.stderr, /estimated cost \$\d+\.\d+ is above --max-cost \$0; nothing was sent/);
    assert.equal(h.sim.requests.length, 0);
  });

  it('plans and reports like a live review: git\'s file set, a secret found in the text left out, root-relative SARIF with fingerprints, from another folder', async () => {
    const key = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ') + '\n' + 'MIIEpAIBAAKCAQEA'.repeat(4) + '\n' + ['-----END', 'RSA PRIVATE KEY-----'].join(' ') + '\n';
    const repo = await gitRepo({
      '.gitignore': 'scratch/\n',
      'lib/main.ts': 'export const x = 1;\n// TODO: finish\n',
      'scratch/notes.ts': '// TODO: ignored by git\n',
      'config/deploy.txt': key,
    });
    try {
      const r = await cli([...args('--format', 'sarif', '--fail-on', 'never'), join(repo, 'lib'), join(repo, 'scratch'), join(repo, 'config')]);
      assert.equal(r.code, 0, r.stderr);
      const sent = batches.batchIds().flatMap((id) => batches.lines(id)).map((l) => JSON.stringify(l.body));
      assert.equal(sent.length, 1, 'only lib/main.ts is sent');
      assert.match(sent[0], /Path: lib\/main\.ts/);
      assert.ok(!sent.some((b) => b.includes('PRIVATE KEY') || b.includes('ignored by git')));
      const sarif = JSON.parse(r.stdout) as { runs: { results: { partialFingerprints?: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
      const [result] = sarif.runs[0].results;
      assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'lib/main.ts', uriBaseId: '%SRCROOT%' });
      assert.ok(result.partialFingerprints && Object.keys(result.partialFingerprints).length > 0, 'fingerprinted like a live review');
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it('batch options without --batch, or a poll faster than once a second, are usage errors', async () => {
    const stray = await cli(['--no-wait']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--no-wait needs --batch/);
    const fast = await cli(['--batch', '--batch-poll-ms', '200']);
    assert.equal(fast.code, 2);
    assert.match(fast.stderr, /--batch-poll-ms must be at least 1000/);
  });
});

/** A live reviewer (TODO lines) for chat requests; 404 for everything else. */
function todoReplyOr404(req: { method: string; path: string; body: { messages?: { role: string; content: string }[] } }) {
  if (req.path.endsWith('/chat/completions')) {
    const a = todoAnswer(req.body as Record<string, unknown>) as { status: number; body: object };
    return { body: a.body };
  }
  return { status: 404, body: { error: { message: 'Not Found' } } };
}
