// Reports name what they did not review (issue 22 item 16): text and Markdown list skipped files
// by name, SARIF lists them in toolExecutionNotifications; the parts behind them (confidence
// parsing, inline suppressions, the suppressions file) in isolation.
import { strict as assert } from 'node:assert';
import { summarize, toMarkdown, toSarif, toText, type FileResult } from '../../../src/core/review';
import { parseFindings } from '../../../src/core/review/parse';
import { pathSkipReason } from '../../../src/core/review/skipRules';
import { ignoresFile, markInlineSuppressions, parseSuppressions, withSuppression } from '../../../src/core/review/suppress';
import { sarifValidator } from './helpers';

const files: FileResult[] = [
  { path: 'src/a.ts', status: 'reviewed', findings: [{ line: 1, severity: 'warning', message: 'm', fingerprint: 'f:1', confidence: 0.8 }] },
  { path: 'src/b.ts', status: 'failed', errorKind: 'server', reason: 'relay error 500', findings: [] },
  { path: 'src/c.ts', status: 'failed', errorKind: 'cancelled', reason: 'cancelled before the review finished', findings: [] },
  { path: 'package-lock.json', status: 'skipped', reason: 'lockfile', findings: [] },
  { path: 'vendor/', status: 'skipped', reason: 'vendored folder', findings: [] },
  ...Array.from({ length: 6 }, (_, i): FileResult => ({ path: `img/p${i}.png`, status: 'skipped', reason: 'binary file', findings: [] })),
];
const report = { files, summary: summarize(files, { promptTokens: 10, completionTokens: 5, costUsd: 0.01, requests: 2, durationMs: 10 }) };

describe('review reports: what was not reviewed', () => {
  it('text names every skipped file with its reason; a cancelled file is "not reviewed (cancelled)", not failed', () => {
    const text = toText(report);
    assert.match(text, /^skipped: package-lock\.json \(lockfile\)$/m);
    assert.match(text, /^skipped: vendor\/ \(vendored folder\)$/m);
    assert.match(text, /^skipped: img\/p5\.png \(binary file\)$/m);
    assert.match(text, /^src\/b\.ts: failed \[server\]: relay error 500$/m);
    assert.match(text, /^not reviewed \(cancelled\) \(1\): src\/c\.ts$/m);
    assert.match(text, /: 1 reviewed, 0 cached, 8 skipped, 1 failed, 1 not reviewed \(cancelled\);/);
  });

  it('Markdown names skipped files, folds lists longer than five', () => {
    const md = toMarkdown(report);
    assert.match(md, /<details><summary>8 skipped<\/summary>[\s\S]*- `img\/p0\.png`: binary file[\s\S]*<\/details>/);
    assert.match(md, /\*\*1 file\(s\) failed\*\*\n\n- `src\/b\.ts` \(server\): relay error 500/);
    assert.match(md, /\*\*1 file\(s\) not reviewed \(cancelled\)\*\*\n\n- `src\/c\.ts`/);
  });

  it('SARIF toolExecutionNotifications name failed and skipped files; the result keeps its confidence', () => {
    const log = toSarif(report, { root: '/work/repo' });
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const notes = log.runs[0].invocations?.[0].toolExecutionNotifications ?? [];
    const texts = notes.map((n) => n.message.text);
    assert.ok(texts.includes('src/b.ts: not reviewed (server): relay error 500'), texts.join('\n'));
    assert.ok(texts.includes('package-lock.json: skipped (lockfile)'));
    assert.ok(texts.includes('img/p3.png: skipped (binary file)'));
    assert.equal(notes.find((n) => n.message.text?.startsWith('vendor/'))?.locations?.[0].physicalLocation?.artifactLocation?.uri, 'vendor');
    assert.equal(log.runs[0].results?.[0].rank, 80);
  });
});

describe('review policy parts', () => {
  it('license texts are not reviewed; code files named after licenses are', () => {
    for (const p of ['LICENSE', 'license', 'LICENSE.md', 'licence.txt', 'COPYING', 'LICENSE-MIT', 'sub/UNLICENSE']) assert.equal(pathSkipReason(p), 'license text', p);
    for (const p of ['src/license.ts', 'license.js', 'licenses.py']) assert.equal(pathSkipReason(p), null, p);
  });

  it('confidence: numbers, percentages, words; anything else is "not rated"', () => {
    const got = parseFindings(JSON.stringify({ findings: [
      { line: 1, message: 'a', confidence: 0.7 }, { line: 1, message: 'b', confidence: '85%' }, { line: 1, message: 'c', confidence: 90 },
      { line: 1, message: 'd', confidence: 'high' }, { line: 1, message: 'e', confidence: 'sure' }, { line: 1, message: 'f' },
    ] }), 3);
    assert.deepEqual(got.map((f) => f.confidence), [0.7, 0.85, 0.9, 0.9, undefined, undefined]);
  });

  it('inline suppressions: on the line or the line above, by category or reviewer label, with a reason', () => {
    const lines = ['a // relay-review: ignore', '# relay-review: ignore[security, style] -- audited 2026', 'b', '/* relay-review: ignore[perf] */', 'c', 'd'];
    const marked = markInlineSuppressions([
      { line: 1, severity: 'error', message: 'x' },
      { line: 3, severity: 'error', message: 'sql', category: 'security' },
      { line: 3, severity: 'error', message: 'bug', category: 'bug' },
      { line: 5, severity: 'error', message: 'label', rule: 'perf' },
      { line: 6, severity: 'error', message: 'free' },
    ], lines);
    assert.deepEqual(marked.map((f) => f.suppressed ?? null), [{ by: 'inline' }, { by: 'inline', reason: 'audited 2026' }, null, { by: 'inline' }, null]);
    assert.ok(ignoresFile('// header\n// relay-review: ignore-file generated\ncode'));
    assert.ok(!ignoresFile(`${'x\n'.repeat(12)}// relay-review: ignore-file`), 'only near the top');
    assert.equal(markInlineSuppressions([{ line: 2, severity: 'info', message: 'm' }], ['// relay-review: ignore-file', 'x'])[0].suppressed, undefined, 'ignore-file is not a line suppression');
  });

  it('the suppressions file: a new entry appended, a known fingerprint not twice, a broken file refused', () => {
    const one = withSuppression(null, { fingerprint: 'a:1', path: 'src/a.ts', reason: 'r' });
    const two = withSuppression(one, { fingerprint: 'b:1', path: 'src/a.ts', reason: 'r2' });
    assert.deepEqual(parseSuppressions(two).map((s) => s.fingerprint), ['a:1', 'b:1']);
    assert.equal(withSuppression(two, { fingerprint: 'a:1', path: 'src/a.ts', reason: 'again' }), two);
    assert.ok(two.endsWith('}\n'));
    assert.throws(() => withSuppression('{"suppressions": [', { fingerprint: 'c:1' }), SyntaxError);
  });
});
