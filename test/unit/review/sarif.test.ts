import { strict as assert } from 'node:assert';
import { summarize, toSarif, type FileResult } from '../../../src/core/review';
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
