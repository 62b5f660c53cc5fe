import { strict as assert } from 'node:assert';
import { joinLines, minimalReplacement, toLines } from '../../../src/core/edit/lines';

function applyReplacement(text: string, r: { offset: number; deleteLength: number; insert: string }): string {
  return text.slice(0, r.offset) + r.insert + text.slice(r.offset + r.deleteLength);
}

function splitsPair(text: string, at: number): boolean {
  const pair = text.slice(at - 1, at + 1);
  return at > 0 && (pair === '\r\n' || /^[\ud800-\udbff][\udc00-\udfff]$/.test(pair));
}

describe('edit/lines', () => {
  it('splits LF and CRLF text and remembers the final line break', () => {
    assert.deepEqual(toLines('a\r\nb\r\n'), { lines: ['a', 'b'], finalEol: true });
    assert.deepEqual(toLines('a\nb'), { lines: ['a', 'b'], finalEol: false });
    assert.deepEqual(toLines('\n'), { lines: [''], finalEol: true });
    assert.deepEqual(toLines(''), { lines: [], finalEol: false });
  });

  it('keeps a lone CR inside its line', () => {
    assert.deepEqual(toLines('a\rb\n').lines, ['a\rb']);
  });

  it('joins with the document line ending and round-trips', () => {
    for (const text of ['a\r\nb\r\n', 'a\r\n\r\nb', 'x', '']) {
      const { lines, finalEol } = toLines(text);
      assert.equal(joinLines(lines, '\r\n', finalEol), text);
    }
    assert.equal(joinLines([], '\n', true), '');
  });

  it('finds the smallest replacement and never splits a CRLF or a surrogate pair', () => {
    const cases: [string, string][] = [
      ['abc', 'abc'],
      ['abc', 'aXc'],
      ['a\r\nb', 'a\nb'],
      ['a\r\nb', 'a\r\r\nb'],
      ['x😀y', 'x😃y'],
      ['', 'new'],
      ['old', ''],
      ['aaaa', 'aa'],
    ];
    for (const [before, after] of cases) {
      const r = minimalReplacement(before, after);
      assert.equal(applyReplacement(before, r), after, `${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      const cuts: [string, number][] = [[before, r.offset], [before, r.offset + r.deleteLength], [after, r.offset], [after, r.offset + r.insert.length]];
      for (const [text, at] of cuts) assert.ok(!splitsPair(text, at), `splits a pair at ${at} of ${JSON.stringify(text)}`);
    }
    assert.deepEqual(minimalReplacement('abc', 'aXc'), { offset: 1, deleteLength: 1, insert: 'X' });
    assert.deepEqual(minimalReplacement('x😀y', 'x😃y'), { offset: 1, deleteLength: 2, insert: '😃' });
    assert.deepEqual(minimalReplacement('a\r\nb', 'a\nb'), { offset: 1, deleteLength: 2, insert: '\n' });
  });
});
