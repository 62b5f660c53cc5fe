import { strict as assert } from 'node:assert';
import { FindingsParseError, parseFindings } from '../../../src/core/review';

const one = { line: 2, severity: 'error', message: 'Boom', rule: 'r1', suggestion: 'fixed();' };

describe('review reply parser', () => {
  it('reads the exact shape', () => {
    assert.deepEqual(parseFindings(JSON.stringify({ findings: [{ ...one, endLine: 3 }] }), 10), [{ line: 2, endLine: 3, severity: 'error', message: 'Boom', rule: 'r1', suggestion: 'fixed();' }]);
  });

  it('reads a bare array, fenced JSON and JSON inside prose', () => {
    const expected = [{ line: 2, severity: 'error', message: 'Boom', rule: 'r1', suggestion: 'fixed();' }];
    assert.deepEqual(parseFindings(JSON.stringify([one]), 10), expected);
    assert.deepEqual(parseFindings('Here you go:\n```json\n' + JSON.stringify({ findings: [one] }) + '\n```\nHope it helps.', 10), expected);
    assert.deepEqual(parseFindings('I found this: ' + JSON.stringify({ findings: [one] }) + ' - that is all.', 10), expected);
    assert.deepEqual(parseFindings('```\n' + JSON.stringify([one]) + '\n```', 10), expected);
  });

  it('accepts an empty list', () => {
    assert.deepEqual(parseFindings('{"findings": []}', 5), []);
  });

  it('clamps lines to the file and keeps endLine >= line', () => {
    const f = parseFindings(JSON.stringify({ findings: [{ line: 0, message: 'a' }, { line: 99, endLine: 120, message: 'b' }, { line: 4, endLine: 2, message: 'c' }, { line: '3', message: 'd' }] }), 5);
    assert.deepEqual(f.map((x) => [x.line, x.endLine]), [[1, undefined], [5, 5], [4, 4], [3, undefined]]);
  });

  it('normalises severities (unknown -> warning)', () => {
    const f = parseFindings(JSON.stringify([{ line: 1, message: 'a', severity: 'CRITICAL' }, { line: 1, message: 'b', severity: 'note' }, { line: 1, message: 'c', severity: 'weird' }, { line: 1, message: 'd' }]), 3);
    assert.deepEqual(f.map((x) => x.severity), ['error', 'info', 'warning', 'warning']);
  });

  it('drops items without a message but keeps the others', () => {
    const f = parseFindings(JSON.stringify({ findings: [{ line: 1 }, 'junk', { line: 2, message: 'real' }] }), 3);
    assert.deepEqual(f.map((x) => x.message), ['real']);
  });

  it('refuses replies without findings JSON', () => {
    for (const reply of ['', 'Looks good to me!', '{"findings": ', '{"answer": 42}', '```json\n{broken\n```']) {
      assert.throws(() => parseFindings(reply, 3), FindingsParseError, JSON.stringify(reply));
    }
  });
});
