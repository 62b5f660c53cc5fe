import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as Sarif from 'sarif';
import type { JsonReport } from '../../../src/core/review';
import { cliHarness } from './cliHarness';
import { pathOf, sarifValidator, todoReply } from './helpers';
import { git, tempFolder, writeTree } from './repo';

const APP = 'export const a = 1;\n// TODO: first\nexport const b = 2;\n';

describe('review CLI in git repositories', () => {
  const h = cliHarness(todoReply);
  const { repo, run, cleanup } = h;
  const json = (out: string): JsonReport => JSON.parse(out);

  it('paths are relative to the repository from any folder: an absolute path, a parent folder, a subfolder', async () => {
    const dir = await repo({ 'lib/app.ts': APP, 'lib/sub/b.ts': 'export const b = 1;\n', 'README.md': '# r\n' });
    const elsewhere = await tempFolder('review-elsewhere-');
    cleanup.push(elsewhere);
    const expected = ['README.md', 'lib/app.ts', 'lib/sub/b.ts'];
    const fromElsewhere = await run(elsewhere, dir, '--format', 'json');
    assert.equal(fromElsewhere.code, 0, fromElsewhere.err);
    assert.deepEqual(json(fromElsewhere.out).files.map((f) => f.path), expected);
    const fromParent = await run(dirname(dir), join(dir.split('/').pop()!), '--format', 'json');
    assert.deepEqual(json(fromParent.out).files.map((f) => f.path), expected, 'no parent-folder prefix');
    const fromSub = await run(join(dir, 'lib/sub'), '--format', 'sarif');
    const log: Sarif.Log = JSON.parse(fromSub.out);
    assert.deepEqual(h.sim.requests.slice(-1).map(pathOf), ['lib/sub/b.ts'], 'the subfolder narrows the set');
    assert.equal(log.runs[0].originalUriBaseIds?.['%SRCROOT%']?.uri, `file://${dir}/`);
  });

  it('--changed from a subfolder writes SARIF URIs relative to the repository root', async () => {
    const dir = await repo({ 'src/app.ts': APP, 'src/other.ts': 'export const o = 1;\n' });
    await writeFile(join(dir, 'src/app.ts'), `${APP}// TODO: second\n`);
    const { code, out, err } = await run(join(dir, 'src'), '--changed', '--format', 'sarif');
    assert.equal(code, 0, err);
    const log: Sarif.Log = JSON.parse(out);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const uris = (log.runs[0].results ?? []).map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri);
    assert.deepEqual(uris, ['src/app.ts', 'src/app.ts']);
    assert.deepEqual(h.sim.requests.map(pathOf), ['src/app.ts']);
  });

  it('--changed and --base outside git exit 2 with "not a git repository", sending nothing', async () => {
    const plain = await tempFolder('review-nogit-');
    cleanup.push(plain);
    await writeTree(plain, { 'a.ts': APP });
    for (const args of [['--changed'], ['--base', 'main']]) {
      const { code, err } = await run(plain, ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^error\[git\]: This folder is not a git repository/m);
      assert.doesNotMatch(err, /internal/);
    }
    assert.equal(h.sim.requests.length, 0);
  });

  it('never reviews its own --output report or --cache folder inside the repository', async () => {
    const dir = await repo({ 'src/app.ts': APP });
    await run(dir, '--format', 'json', '--output', 'out/review/report.json', '--cache', '.cache/review');
    const second = await run(dir, '--format', 'json', '--output', 'out/review/report.json', '--cache', '.cache/review');
    const report: JsonReport = JSON.parse(await readFile(join(dir, 'out/review/report.json'), 'utf8'));
    assert.equal(second.code, 0);
    assert.deepEqual(report.files.filter((f) => f.status !== 'skipped').map((f) => f.path), ['src/app.ts']);
    assert.ok(h.sim.requests.every((r) => pathOf(r) === 'src/app.ts'));
  });

  it('an unwritable --output is found before anything is sent: exit 4', async () => {
    const dir = await repo({ 'src/app.ts': APP });
    const { code, err } = await run(dir, '--output', 'src/app.ts/report.json');
    assert.equal(code, 4);
    assert.match(err, /^error\[output\]: cannot write the report to .*report\.json/m);
    assert.equal(h.sim.requests.length, 0);
  });

  it('--base REF sends changed files with their diff, skips pure renames, and keeps findings on added lines', async () => {
    const old = Array.from({ length: 30 }, (_, i) => `const v${i} = ${i}; // TODO: old ${i}`).join('\n') + '\n';
    const dir = await repo({ 'src/app.ts': old, 'src/moved.ts': 'export const m = 1;\n', 'src/same.ts': 'export const s = 1;\n' });
    git(dir, 'checkout', '-qb', 'feature');
    const lines = old.split('\n');
    lines.splice(10, 0, 'const added = 1; // TODO: new in the PR');
    await writeFile(join(dir, 'src/app.ts'), lines.join('\n'));
    git(dir, 'mv', 'src/moved.ts', 'src/renamed.ts');
    await writeFile(join(dir, 'src/new.ts'), '// TODO: brand new\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'feature');
    const { code, out, err } = await run(dir, '--base', 'main', '--format', 'json');
    assert.equal(code, 0, err);
    const report = json(out);
    assert.deepEqual(h.sim.requests.map(pathOf).sort(), ['src/app.ts', 'src/new.ts']);
    const prompt = h.sim.requests.find((r) => pathOf(r) === 'src/app.ts')?.body.messages[1].content as string;
    assert.match(prompt, /Lines added or changed by it \(numbered as shown below\): 11\./);
    assert.match(prompt, /```diff\n[\s\S]*\+const added = 1;/);
    const app = report.files.find((f) => f.path === 'src/app.ts');
    assert.deepEqual(app?.findings.map((f) => f.line), [11], 'only the added line, not the 30 old TODOs');
    assert.match(report.files.find((f) => f.path === 'src/renamed.ts')?.reason ?? '', /renamed from src\/moved\.ts without changes/);
    assert.equal(report.files.find((f) => f.path === 'src/new.ts')?.findings.length, 1);
    const whole = json((await run(dir, '--base', 'main', '--format', 'json', '--filter', 'file', '--max-findings-per-file', '0')).out);
    assert.equal(whole.files.find((f) => f.path === 'src/app.ts')?.findings.length, 31);
    const context = json((await run(dir, '--base', 'main', '--format', 'json', '--filter', 'diff_context')).out);
    assert.deepEqual(context.files.find((f) => f.path === 'src/app.ts')?.findings.map((f) => f.line), [8, 9, 10, 11, 12, 13, 14]);
    const unknown = await run(dir, '--base', 'no-such-branch');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown git ref "no-such-branch"/);
  });

  it('--shard i/n: the shards partition the plan and each report names its shard', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`src/f${i}.ts`] = `export const v = ${i};\n`;
    files['yarn.lock'] = '#\n';
    const dir = await repo(files);
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const report = json((await run(dir, '--shard', `${i}/3`, '--format', 'json')).out);
      assert.equal(report.shard, `${i}/3`);
      seen.push(...report.files.map((f) => f.path));
    }
    assert.deepEqual(seen.sort(), [...Object.keys(files)].sort(), 'every file (skipped ones too) in exactly one shard');
    assert.equal(h.sim.requests.length, 30);
    const sarif: Sarif.Log = JSON.parse((await run(dir, '--shard', '2/3', '--format', 'sarif')).out);
    assert.equal(sarif.runs[0].automationDetails?.id, 'relay-review/shard-2-of-3/');
    assert.equal((await run(dir, '--shard', '4/3')).code, 2);
  });

  it('skips files whose text holds a private key, and says where', async () => {
    const key = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ') + '\n' + 'MIIEpAIBAAKCAQEA'.repeat(4) + '\n' + ['-----END', 'RSA PRIVATE KEY-----'].join(' ') + '\n';
    const dir = await repo({ 'src/keys.py': `# deploy key\nimport os\n\nKEY = """\n${key}"""\n`, 'src/app.py': 'print(1)\n' });
    const report = json((await run(dir, '--format', 'json')).out);
    const keys = report.files.find((f) => f.path === 'src/keys.py');
    assert.equal(keys?.status, 'skipped');
    assert.equal(keys?.reason, 'contains a private key, line 5');
    assert.deepEqual(h.sim.requests.map(pathOf), ['src/app.py']);
    assert.ok(!h.sim.requests.some((r) => JSON.stringify(r.body).includes('PRIVATE KEY')));
  });

  it('--format markdown: counts by severity, a findings table with links, skipped files by reason', async () => {
    const dir = await repo({ 'src/app.ts': APP, 'package-lock.json': '{}\n' });
    const { out } = await run(dir, '--format', 'markdown');
    assert.match(out, /^## Relay Review/m);
    assert.match(out, /\*\*1 finding\(s\)\*\*: 0 error\(s\), 1 warning\(s\), 0 info\./);
    assert.match(out, /\| 🟠 warning \| \[src\/app\.ts:2\]\(src\/app\.ts#L2\) \| Unfinished work \(TODO\) \| todo \|/);
    assert.match(out, /\*\*1 skipped\*\*\n\n- lockfile: 1\n\n- `package-lock.json`: lockfile/);
    const text = (await run(dir)).out;
    assert.match(text, /By severity: 0 error\(s\), 1 warning\(s\), 0 info\n$/);
  });

  it('--max-file-bytes skips larger files, and --price prices an unknown model for --max-cost', async () => {
    const dir = await repo({ 'src/big.ts': `${'x'.repeat(3000)}\n`, 'src/app.ts': APP });
    const report = json((await run(dir, '--format', 'json', '--max-file-bytes', '1000')).out);
    assert.match(report.files.find((f) => f.path === 'src/big.ts')?.reason ?? '', /larger than 1000 bytes/);
    const noPrice = await run(dir, '--model', 'house-model', '--max-cost', '1');
    assert.equal(noPrice.code, 2);
    assert.match(noPrice.err, /no known price/);
    const priced = await run(dir, '--model', 'house-model', '--max-cost', '1', '--price', '1/2', '--format', 'json');
    assert.equal(priced.code, 0, priced.err);
    assert.ok(json(priced.out).summary.costUsd > 0, 'the price counts for the actual cost too');
  });
});
