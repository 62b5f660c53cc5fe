import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type * as Sarif from 'sarif';
import { memoryIo } from '../../../src/cli/io';
import { runReview } from '../../../src/cli/review';
import type { JsonReport } from '../../../src/core/review';
import { startSimulator, type RecordedRequest, type Simulator } from '../../support/simulator';
import { completion } from '../../support/sse';
import { numberedLines, pathOf, sarifValidator } from './helpers';

const KEY = 'sk-cli.review.fake.0123456789';

/** Reports TODO lines as warnings and eval( as errors; echoes the Authorization header into one message. */
function reviewer(req: RecordedRequest) {
  const findings = numberedLines(req).flatMap((l) => [
    ...(l.text.includes('TODO') ? [{ line: l.n, severity: 'warning', message: `TODO left (auth was ${req.headers.authorization})`, rule: 'todo' }] : []),
    ...(l.text.includes('eval(') ? [{ line: l.n, severity: 'error', message: 'eval is unsafe', rule: 'no-eval', suggestion: 'JSON.parse(input)' }] : []),
  ]);
  return { body: completion(JSON.stringify({ findings }), { prompt_tokens: 50, completion_tokens: 10 }) };
}

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'review-ws-'));
  const files: Record<string, string | Buffer> = {
    'src/app.ts': 'const a = 1;\n// TODO: remove\nexport default a;\n',
    'src/parse.js': 'export function p(input) {\n  return eval(input);\n}\n',
    'src/clean.py': 'print("fine")\n',
    '.env': `API_KEY=${KEY}\n`,
    'certs/server.pem': '-----BEGIN PRIVATE KEY-----\n',
    'package-lock.json': '{}\n',
    'vendor/lib.js': '// TODO vendored\n',
    'img/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    '.gitignore': 'debug.log\n',
    'debug.log': 'TODO log\n',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('review CLI', () => {
  let sim: Simulator;
  let ws: string;
  let cacheDir: string;

  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    sim.setResponder(reviewer);
    ws = await workspace();
    cacheDir = await mkdtemp(join(tmpdir(), 'review-cli-cache-'));
  });
  afterEach(async () => {
    await rm(ws, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  /** Runs `review` in-process from inside the workspace (paths are relative to the current folder). */
  const run = async (...args: string[]) => {
    const io = memoryIo({ env: { RELAY_API_KEY: KEY } });
    const previous = process.cwd();
    process.chdir(ws);
    try {
      const code = await runReview(['--base-url', sim.url, '--retries', '0', ...args], io);
      return { code, out: io.out, err: io.err };
    } finally {
      process.chdir(previous);
    }
  };

  it('--format json lists every planned file with its status, findings and a summary', async () => {
    const { code, out } = await run('--format', 'json');
    const report: JsonReport = JSON.parse(out);
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f]));
    assert.deepEqual(Object.keys(byPath).sort(), ['.env', '.gitignore', 'certs/server.pem', 'debug.log', 'img/logo.png', 'package-lock.json', 'src/app.ts', 'src/clean.py', 'src/parse.js', 'vendor/'].sort());
    assert.equal(byPath['.env'].status, 'skipped');
    assert.match(byPath['.env'].reason ?? '', /secret/);
    assert.equal(byPath['img/logo.png'].reason, 'binary file');
    assert.equal(byPath['debug.log'].reason, 'ignored by .gitignore');
    assert.equal(byPath['package-lock.json'].reason, 'lockfile');
    assert.equal(byPath['vendor/'].reason, 'vendored folder');
    assert.deepEqual(byPath['src/parse.js'].findings.map(({ fingerprint: _fingerprint, ...f }) => f), [{ line: 2, endLine: 2, severity: 'error', category: 'security', message: 'eval is unsafe', rule: 'no-eval', suggestion: 'JSON.parse(input)', confidence: null }]);
    assert.equal(byPath['src/app.ts'].findings[0].line, 2);
    assert.deepEqual(report.summary, { ...report.summary, files: 10, reviewed: 4, cached: 0, skipped: 6, failed: 0, findings: 2, requests: 4, promptTokens: 200, completionTokens: 40 });
    assert.ok(report.files.every((f) => !f.path.includes('\\')));
    assert.equal(code, 1, 'an error finding reaches the default --fail-on error');
    // Secrets were never sent, and the key never appears in the output.
    assert.deepEqual(sim.requests.map(pathOf).sort(), ['.gitignore', 'src/app.ts', 'src/clean.py', 'src/parse.js'].sort());
    assert.ok(!sim.requests.some((r) => JSON.stringify(r.body).includes(KEY)));
    assert.ok(!out.includes(KEY));
  });

  it('exit codes follow --fail-on', async () => {
    assert.equal((await run('--fail-on', 'never')).code, 0);
    assert.equal((await run('src/app.ts', '--fail-on', 'error')).code, 0);
    assert.equal((await run('src/app.ts', '--fail-on', 'warning')).code, 1);
  });

  it('exits 3 when a file fails, and names it', async () => {
    sim.setResponder((req) => (pathOf(req).endsWith('clean.py') ? { body: completion('no JSON here') } : reviewer(req)));
    const { code, out } = await run('--fail-on', 'never');
    assert.equal(code, 3);
    assert.match(out, /src\/clean\.py: failed \[protocol\]/);
  });

  it('exits 2 on usage errors without sending anything', async () => {
    for (const args of [['--format', 'xml'], ['--concurrency', '0'], ['--fail-on', 'sometimes'], ['--bogus'], ['missing.ts'], ['../outside']]) {
      const { code, err } = await run(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^error\[usage\]/m);
    }
    assert.equal(sim.requests.length, 0);
  });

  it('--max-cost refuses to start above the estimate', async () => {
    const { code, err } = await run('--model', 'deepseek-v3.2', '--max-cost', '0.0000001');
    assert.equal(code, 2);
    assert.match(err, /error\[cost\]: the estimated cost \$[\d.]+ is above --max-cost/);
    assert.equal(sim.requests.length, 0);
    assert.equal((await run('--model', 'deepseek-v3.2', '--max-cost', '1', '--fail-on', 'never')).code, 0);
  });

  it('--cache reuses findings of unchanged files', async () => {
    await run('--cache', cacheDir, '--format', 'json');
    const sent = sim.requests.length;
    await writeFile(join(ws, 'src/clean.py'), 'print("changed")\n');
    const { out } = await run('--cache', cacheDir, '--format', 'json');
    const report: JsonReport = JSON.parse(out);
    assert.equal(sim.requests.length, sent + 1);
    assert.equal(report.summary.cached, 3);
    assert.equal(report.summary.reviewed, 1);
    assert.ok((await readdir(cacheDir)).length >= 4);
  });

  it('--format sarif --output writes a valid SARIF 2.1.0 log with the findings', async () => {
    const out = join(cacheDir, 'review.sarif'); // outside the workspace: --output may point anywhere
    const { code, out: stdout } = await run('--format', 'sarif', '--output', out, '--fail-on', 'never');
    assert.equal(code, 0);
    assert.equal(stdout, '');
    const log: Sarif.Log = JSON.parse(await readFile(out, 'utf8'));
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const results = log.runs[0].results ?? [];
    assert.equal(results.length, 2);
    assert.ok(!JSON.stringify(log).includes(KEY));
    const where = results.find((r) => r.properties?.label === 'no-eval')?.locations?.[0].physicalLocation;
    assert.equal(where?.artifactLocation?.uri, 'src/parse.js');
    assert.equal(where?.region?.startLine, 2);
  });

  it('--changed reviews only files changed against git HEAD', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: ws, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'init');
    await writeFile(join(ws, 'src/app.ts'), 'const a = 2;\n// TODO: still\n');
    await writeFile(join(ws, 'src/new.ts'), 'export const n = 1;\n');
    const { out } = await run('--changed', '--format', 'json', '--fail-on', 'never');
    const report: JsonReport = JSON.parse(out);
    assert.deepEqual(report.files.map((f) => f.path), ['src/app.ts', 'src/new.ts']);
  });

  it('the bundled CLI runs as a child process (paths relative to its cwd)', async function () {
    this.timeout(30_000);
    const outDir = await mkdtemp(join(tmpdir(), 'review-cli-build-'));
    try {
      const cli = join(outDir, 'cli.js');
      await build({ entryPoints: [join(__dirname, '../../../src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'silent' });
      const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = execFile(process.execPath, [cli, 'review', '.', '--format', 'json', '--base-url', sim.url, '--fail-on', 'warning'], { cwd: ws, env: { ...process.env, RELAY_API_KEY: KEY } }, (_e, stdout) => resolve({ code: child.exitCode, stdout }));
      });
      assert.equal(result.code, 1);
      const report: JsonReport = JSON.parse(result.stdout);
      assert.ok(report.files.some((f) => f.path === 'src/parse.js' && f.status === 'reviewed'));
      assert.ok(report.files.some((f) => f.path === '.env' && f.status === 'skipped'));
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
