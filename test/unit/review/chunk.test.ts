import { strict as assert } from 'node:assert';
import { chunkLines, mapToFile, mergeFindings, splitLines } from '../../../src/core/review';

describe('review chunking', () => {
  const lines = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`);

  it('keeps a small file in one chunk', () => {
    assert.deepEqual(chunkLines(lines), [{ startLine: 1, lines }]);
  });

  it('covers every line with overlapping chunks', () => {
    const chunks = chunkLines(lines, { maxLines: 10, overlap: 3 });
    assert.deepEqual(chunks.map((c) => [c.startLine, c.startLine + c.lines.length - 1]), [[1, 10], [8, 17], [15, 24], [22, 25]]);
    for (const c of chunks) c.lines.forEach((l, i) => assert.equal(l, `line ${c.startLine + i}`));
  });

  it('also splits on characters', () => {
    const long = ['a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50)];
    assert.deepEqual(chunkLines(long, { maxChars: 110, overlap: 0 }).map((c) => c.startLine), [1, 3]);
  });

  it('maps chunk lines back to file lines', () => {
    const [, second] = chunkLines(lines, { maxLines: 10, overlap: 3 });
    assert.deepEqual(mapToFile([{ line: 1, endLine: 3, severity: 'info', message: 'm' }], second), [{ line: 8, endLine: 10, severity: 'info', message: 'm' }]);
    assert.equal(second.lines[0], 'line 8');
  });

  it('merges the same finding reported by two overlapping chunks', () => {
    const merged = mergeFindings([
      { line: 9, severity: 'warning', message: 'Unused  variable' },
      { line: 3, severity: 'error', message: 'x' },
      { line: 9, severity: 'warning', message: 'unused variable', suggestion: 'fix' },
      { line: 9, severity: 'warning', message: 'other problem' },
    ]);
    assert.deepEqual(merged, [
      { line: 3, severity: 'error', message: 'x' },
      { line: 9, severity: 'warning', message: 'Unused  variable', suggestion: 'fix' },
      { line: 9, severity: 'warning', message: 'other problem' },
    ]);
  });

  it('also merges the same rule on the same lines worded differently by two chunks', () => {
    const merged = mergeFindings([
      { line: 4, severity: 'warning', message: 'console.log left in', rule: 'debug' },
      { line: 4, severity: 'warning', message: 'Remove this debug output', rule: 'debug' },
      { line: 4, severity: 'warning', message: 'remove this  debug output', rule: 'style' },
      { line: 4, severity: 'warning', message: 'Unused import', rule: 'other' },
    ]);
    assert.deepEqual(merged.map((f) => f.message), ['console.log left in', 'Unused import']);
  });

  it('splits CRLF, CR and LF, without a phantom last line', () => {
    assert.deepEqual(splitLines('a\r\nb\rc\nd\n'), ['a', 'b', 'c', 'd']);
  });
});
