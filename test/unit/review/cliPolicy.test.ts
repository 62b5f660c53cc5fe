// The review CLI's report policy on git repositories the tests build: thresholds, baselines,
// suppressions, the cache's savings, the coverage lists.
import { strict as assert } from 'node:assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import type { JsonReport } from '../../../src/core/review';
import { cliHarness } from './cliHarness';
import { pathOf, sarifValidator } from './helpers';
import { flagReply } from './policyHelpers';
import { git, tempFolder } from './repo';

const RATED = [
  'export function f(a: number) {',
  '  return a + 1; // FLAG error 0.95',
  '  const x = 1; // FLAG warning 0.5',
  '  const y = 2; // FLAG warning 0.3',
  '  const z = 3; // FLAG info',
  '}',
].join('\n') + '\n';

describe('review CLI: thresholds, baselines, suppressions, coverage', () => {
  const h = cliHarness(flagReply);
  const { repo, run, cleanup } = h;
  const json = (out: string): JsonReport => JSON.parse(out);

  it('hides findings below --min-confidence (default 0.6) and counts them; unrated findings are kept; JSON and SARIF keep the confidence', async () => {
    const dir = await repo({ 'src/a.ts': RATED });
    const report = json((await run(dir, '--format', 'json')).out);
    const shown = report.files[0].findings;
    assert.deepEqual(shown.map((f) => [f.line, f.confidence]), [[2, 0.95], [5, null]], 'most severe first; 0.5 and 0.3 hidden');
    assert.equal(report.summary.hidden?.lowConfidence, 2);
    assert.equal(report.summary.unrated, 1);
    const text = (await run(dir)).out;
    assert.match(text, /note: 2 low-confidence finding\(s\) hidden/);
    assert.match(text, /src\/a\.ts:2: error: .*\(confidence 0\.95\)/);
    const all = json((await run(dir, '--format', 'json', '--min-confidence', '0.2')).out);
    assert.deepEqual(all.files[0].findings.map((f) => f.line), [2, 3, 4, 5]);
    const errorsOnly = json((await run(dir, '--format', 'json', '--min-confidence', '0', '--min-severity', 'error')).out);
    assert.deepEqual(errorsOnly.files[0].findings.map((f) => f.line), [2]);
    assert.equal(errorsOnly.summary.hidden?.belowSeverity, 3);
    const log: Sarif.Log = JSON.parse((await run(dir, '--format', 'sarif')).out);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const first = log.runs[0].results?.[0];
    assert.equal(first?.rank, 95);
    assert.equal(first?.properties?.confidence, 0.95);
    const prompt = String(h.sim.requests[0].body.messages[0].content);
    assert.match(prompt, /"confidence"/, 'the prompt asks for a confidence');
  });

  it('--max-findings-per-file keeps the most severe (default 8) and counts the rest; .relay/review.json sets thresholds, flags win', async () => {
    const lines = ['export const a = 1;'];
    for (let i = 0; i < 12; i++) lines.push(`const v${i} = ${i}; // FLAG ${i === 9 ? 'error' : 'info'} 0.9`);
    const dir = await repo({ 'src/many.ts': lines.join('\n') + '\n' });
    const report = json((await run(dir, '--format', 'json')).out);
    assert.equal(report.files[0].findings.length, 8);
    assert.equal(report.files[0].findings[0].severity, 'error', 'the error comes first');
    assert.equal(report.summary.hidden?.overCap, 4);
    const two = json((await run(dir, '--format', 'json', '--max-findings-per-file', '2')).out);
    assert.deepEqual(two.files[0].findings.map((f) => f.line), [11, 2]);
    await mkdir(join(dir, '.relay'), { recursive: true });
    await writeFile(join(dir, '.relay/review.json'), JSON.stringify({ maxFindingsPerFile: 3, minSeverity: 'info' }));
    assert.equal(json((await run(dir, '--format', 'json')).out).files.find((f) => f.path === 'src/many.ts')?.findings.length, 3);
    assert.equal(json((await run(dir, '--format', 'json', '--max-findings-per-file', '5')).out).files.find((f) => f.path === 'src/many.ts')?.findings.length, 5, 'the flag wins');
  });

  it('baseline round trip: --write-baseline, then lines move and one finding is added: only the new one is reported, --fail-on counts new only', async () => {
    const base = ['export const a = 1;', 'const b = 2; // FLAG error 0.9', 'const c = 3; // FLAG warning 0.9', ''].join('\n');
    const dir = await repo({ 'src/app.ts': base });
    const out = await tempFolder('review-baseline-');
    cleanup.push(out);
    const baselineFile = join(out, 'baseline.json');
    const first = await run(dir, '--write-baseline', baselineFile, '--fail-on', 'error');
    assert.equal(first.code, 1, 'without a baseline the error fails the run');
    assert.equal(json(await readFile(baselineFile, 'utf8')).files.find((f) => f.path === 'src/app.ts')?.findings.length, 2);
    // Lines move (three inserted above) and a new finding appears.
    await writeFile(join(dir, 'src/app.ts'), ['// header', '// more', '', base.trimEnd(), 'const d = 4; // FLAG warning 0.9', ''].join('\n'));
    const again = await run(dir, '--baseline', baselineFile, '--format', 'json', '--fail-on', 'error');
    assert.equal(again.code, 0, 'the error is in the baseline: not new');
    const report = json(again.out);
    assert.deepEqual(report.files.find((f) => f.path === 'src/app.ts')?.findings.map((f) => f.line), [7]);
    assert.equal(report.summary.hidden?.unchanged, 2);
    assert.match((await run(dir, '--baseline', baselineFile)).out, /note: 2 unchanged, not shown/);
    assert.equal((await run(dir, '--baseline', baselineFile, '--fail-on', 'warning')).code, 1, 'the new warning fails --fail-on warning');
    // A SARIF report works as a baseline too; --baseline-show marks each result.
    const sarifFile = join(out, 'base.sarif');
    await writeFile(sarifFile, (await run(dir, '--format', 'sarif')).out);
    await writeFile(join(dir, 'src/app.ts'), `${base}const e = 5; // FLAG warning 0.9\n`);
    const log: Sarif.Log = JSON.parse((await run(dir, '--format', 'sarif', '--baseline', sarifFile, '--baseline-show')).out);
    assert.deepEqual(log.runs[0].results?.map((r) => [r.locations?.[0].physicalLocation?.region?.startLine, r.baselineState]), [[4, 'new'], [2, 'unchanged'], [3, 'unchanged']]);
    const bad = await run(dir, '--baseline', join(out, 'missing.json'));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--baseline .*missing\.json: no such file/);
  });

  it('inline suppressions (on the line or the line above, with [category] and a reason), ignore-file, and the suppressions file', async () => {
    const dir = await repo({
      'src/a.ts': [
        'export const a = 1;',
        '// relay-review: ignore[bug] measured, fine here',
        'const b = 2; // FLAG error 0.9',
        'const c = 3; // FLAG error 0.9 relay-review: ignore',
        '// relay-review: ignore[security] only security is ignored',
        'const d = 4; // FLAG error 0.9',
        '',
      ].join('\n'),
      'src/generated.ts': '// Generated. relay-review: ignore-file\nconst x = 1; // FLAG error 0.9\n',
      'src/b.ts': 'const one = 1; // FLAG error 0.9\nconst two = 2; // FLAG warning 0.9\n',
      'test/c.ts': 'const t = 1; // FLAG error 0.9\n',
    });
    const first = json((await run(dir, '--format', 'json')).out);
    assert.deepEqual(first.files.find((f) => f.path === 'src/a.ts')?.findings.map((f) => f.line), [6]);
    assert.equal(first.summary.hidden?.suppressed, 2);
    const generated = first.files.find((f) => f.path === 'src/generated.ts');
    assert.equal(generated?.status, 'skipped');
    assert.equal(generated?.reason, 'relay-review: ignore-file');
    assert.ok(!h.sim.requests.some((r) => pathOf(r) === 'src/generated.ts'), 'an ignored file is not sent');
    const fp = first.files.find((f) => f.path === 'src/b.ts')?.findings.find((f) => f.line === 1)?.fingerprint;
    await mkdir(join(dir, '.relay'), { recursive: true });
    await writeFile(join(dir, '.relay/review-suppressions.json'), JSON.stringify({
      version: 1,
      suppressions: [
        { fingerprint: fp, path: 'src/b.ts', reason: 'intended', by: 'dev', at: '2026-12-01T00:00:00Z' },
        { path: 'test/**', category: 'bug', reason: 'tests may do this' },
      ],
    }));
    const second = json((await run(dir, '--format', 'json')).out);
    assert.deepEqual(second.files.find((f) => f.path === 'src/b.ts')?.findings.map((f) => f.line), [2]);
    assert.deepEqual(second.files.find((f) => f.path === 'test/c.ts')?.findings, []);
    assert.equal(second.summary.hidden?.suppressed, 4);
    // Still suppressed after the line moved.
    await writeFile(join(dir, 'src/b.ts'), '\n\nconst one = 1; // FLAG error 0.9\nconst two = 2; // FLAG warning 0.9\n');
    assert.deepEqual(json((await run(dir, '--format', 'json')).out).files.find((f) => f.path === 'src/b.ts')?.findings.map((f) => f.line), [4]);
  });

  it('the summary states what the cache saved; text and JSON list reviewed, cached, skipped files by name', async () => {
    const dir = await repo({ 'src/a.ts': RATED, 'src/b.ts': 'export const b = 1;\n', 'package-lock.json': '{}\n', 'img.png': '\u0000\u0001binary' });
    const cache = join(await tempFolder('review-cache-'), 'c');
    cleanup.push(cache);
    const first = json((await run(dir, '--format', 'json', '--cache', cache, '--price', '1/2')).out);
    assert.equal(first.summary.costUsd, 2 * (1000 * 1 + 50 * 2) / 1e6);
    assert.equal(first.summary.cacheSavedUsd, 0);
    assert.deepEqual(first.coverage.reviewed, ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(first.coverage.skipped.map((s) => s.path).sort(), ['img.png', 'package-lock.json']);
    const second = await run(dir, '--cache', cache, '--price', '1/2');
    assert.match(second.out, /note: the cache saved \$0\.0022 \(2 file\(s\) not sent again\)/);
    assert.match(second.out, /^skipped: package-lock\.json \(lockfile\)$/m);
    assert.match(second.out, /^skipped: img\.png \(binary file\)$/m);
    assert.match(second.out, /^reviewed \(2\): src\/a\.ts \(cached\), src\/b\.ts \(cached\)$/m);
    const again = json((await run(dir, '--format', 'json', '--cache', cache, '--price', '1/2')).out);
    assert.equal(again.summary.costUsd, 0);
    assert.equal(again.summary.cacheSavedUsd, first.summary.costUsd);
    assert.deepEqual(again.coverage.cached, ['src/a.ts', 'src/b.ts']);
    assert.equal(typeof again.summary.cachedPromptTokens, 'number');
    assert.equal(typeof again.summary.reasoningTokens, 'number');
  });

  it('PR mode: a file of which only the changed part is sent is listed as cut, with the share sent', async () => {
    const big = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i}; // padding line ${i}`).join('\n') + '\n';
    const dir = await repo({ 'src/big.ts': big });
    git(dir, 'checkout', '-qb', 'feature');
    await writeFile(join(dir, 'src/big.ts'), big.replace('value5 = 5;', 'value5 = 55; // FLAG error 0.9'));
    git(dir, 'commit', '-qam', 'change');
    const report = json((await run(dir, '--base', 'main', '--format', 'json')).out);
    const cut = report.coverage.cut.find((c) => c.path === 'src/big.ts');
    assert.ok(cut && cut.sent > 0 && cut.sent < 0.5, JSON.stringify(report.coverage.cut));
    const md = (await run(dir, '--base', 'main', '--format', 'markdown')).out;
    assert.match(md, /\*\*1 cut \(only the parts with changes sent\)\*\*\n\n- `src\/big\.ts`: \d+% of its lines sent/);
  });
});
