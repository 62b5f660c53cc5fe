import { strict as assert } from 'node:assert';
import { MAX_SARIF_RESULTS, summarize, toSarif, withFingerprints, type FileResult } from '../../../src/core/review';
import { sarifValidator } from './helpers';

const files: FileResult[] = [
  { path: 'src/a b.ts', status: 'reviewed', findings: [
    { line: 3, severity: 'error', message: 'Null dereference', rule: 'null-check', suggestion: 'if (x) x.go();' },
    { line: 5, endLine: 7, severity: 'info', message: 'Consider a helper' },
  ] },
  { path: 'lib/ok.py', status: 'cached', findings: [{ line: 1, severity: 'warning', message: 'print left in', rule: 'debug-output' }] },
  { path: '.env', status: 'skipped', reason: 'likely secret (environment file)', findings: [] },
  { path: 'src/c.ts', status: 'failed', errorKind: 'timeout', reason: 'The relay took too long to answer', findings: [] },
];
const report = { files, summary: summarize(files, { promptTokens: 1, completionTokens: 1, costUsd: 0, requests: 3, durationMs: 5 }) };

describe('SARIF output', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = toSarif(report);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('the schema check catches a broken log (the validator is not a no-op)', () => {
    const log = toSarif(report) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validate(log), false);
  });

  it('carries every finding with its location, level, rule and fix', () => {
    const run = toSarif(report).runs[0];
    assert.equal(run.results?.length, 3);
    const [first, second, third] = run.results!;
    assert.equal(first.level, 'error');
    assert.equal(first.ruleId, 'bug');
    assert.equal(first.properties?.label, 'null-check');
    assert.deepEqual(first.locations?.[0].physicalLocation?.artifactLocation, { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(first.locations?.[0].physicalLocation?.region, { startLine: 3, endLine: 3 });
    assert.equal(first.fixes?.[0].artifactChanges[0].replacements[0].insertedContent?.text, 'if (x) x.go();');
    assert.equal(second.level, 'note');
    assert.deepEqual(second.locations?.[0].physicalLocation?.region, { startLine: 5, endLine: 7 });
    assert.equal(third.level, 'warning');
    assert.deepEqual(run.tool.driver.rules?.map((r) => r.id), ['bug', 'maintainability']);
    assert.equal(run.invocations?.[0].executionSuccessful, false);
    assert.match(run.invocations?.[0].toolExecutionNotifications?.[0].message.text ?? '', /src\/c\.ts.*timeout/);
  });
});

describe('SARIF for code scanning', () => {
  const validate = sarifValidator();
  const TEXT = ['import os', '', 'def run(cmd):', '    os.system(cmd)  # shell injection', '    return eval(cmd)', ''].join('\n');
  const findings = (text: string): FileResult[] => {
    const lines = text.split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    return [{ path: 'app/run.py', status: 'reviewed', findings: withFingerprints([
      { line: at('os.system'), severity: 'error', message: 'Command injection: cmd reaches the shell', rule: 'Rule With Spaces/and:colons' },
      { line: at('eval('), severity: 'warning', message: 'eval of untrusted input', rule: 'no-eval' },
    ], lines) }];
  };
  const sarifOf = (files: FileResult[], opts = {}) => toSarif({ files, summary: summarize(files, { promptTokens: 0, completionTokens: 0, costUsd: 0, requests: 1, durationMs: 1 }) }, { root: '/work/repo', ...opts });

  it('fingerprints stay the same when an unrelated line is inserted above the finding', () => {
    const before = sarifOf(findings(TEXT)).runs[0].results!;
    const after = sarifOf(findings(`# a new comment line\n${TEXT}`)).runs[0].results!;
    assert.notEqual(before[0].locations?.[0].physicalLocation?.region?.startLine, after[0].locations?.[0].physicalLocation?.region?.startLine);
    assert.deepEqual(after.map((r) => r.partialFingerprints), before.map((r) => r.partialFingerprints));
    assert.notDeepEqual(before[0].partialFingerprints, before[1].partialFingerprints);
    const changed = sarifOf(findings(TEXT.replace('os.system(cmd)', 'os.system(cmd + "x")'))).runs[0].results!;
    assert.notDeepEqual(changed[0].partialFingerprints, before[0].partialFingerprints, 'a change to the flagged line changes it');
  });

  it('rules come from the fixed categories with descriptions and help; the model label is kept; security has a severity', () => {
    const log = sarifOf(findings(TEXT), { automationId: 'relay-review/shard-1-of-2/' });
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const run = log.runs[0];
    assert.deepEqual(run.results!.map((r) => r.ruleId), ['security', 'security']);
    assert.equal(run.results![0].properties?.label, 'Rule With Spaces/and:colons');
    assert.equal(run.results![0].properties?.['security-severity'], '8.0');
    const rule = run.tool.driver.rules![0];
    assert.equal(rule.id, 'security');
    assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text);
    assert.equal(rule.properties?.['security-severity'], '5.5');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
    assert.equal(run.automationDetails?.id, 'relay-review/shard-1-of-2/');
  });

  it('keeps at most 25,000 results (errors first) and counts the rest in a notification', () => {
    const many: FileResult[] = [{ path: 'big.ts', status: 'reviewed', findings: Array.from({ length: 25_010 }, (_, i) => ({ line: i + 1, severity: i === 25_005 ? 'error' : 'info', message: `m${i}` })) }];
    const run = sarifOf(many).runs[0];
    assert.equal(run.results!.length, MAX_SARIF_RESULTS);
    assert.equal(run.results![0].level, 'error');
    assert.match(run.invocations![0].toolExecutionNotifications!.at(-1)!.message.text ?? '', /^10 more result\(s\) not included/);
  });

  it('files cancelled by a stopped run are one notification, failed ones one each', () => {
    const files: FileResult[] = [
      ...Array.from({ length: 50 }, (_, i): FileResult => ({ path: `c${i}.ts`, status: 'failed', errorKind: 'cancelled', reason: 'cancelled before the review finished', findings: [] })),
      { path: 'bad.ts', status: 'failed', errorKind: 'protocol', reason: 'Unusable review reply', findings: [] },
    ];
    const notes = sarifOf(files).runs[0].invocations![0].toolExecutionNotifications!.map((n) => n.message.text);
    assert.deepEqual(notes, ['bad.ts: not reviewed (protocol): Unusable review reply', '50 file(s) not reviewed: the run was stopped before they were sent or answered.']);
  });
});
