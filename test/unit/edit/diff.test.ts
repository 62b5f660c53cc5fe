import { strict as assert } from 'node:assert';
import { diffLines, type Hunk } from '../../../src/core/edit/diff';
import { resolvedLines, reviewView } from '../../../src/core/edit/hunks';

/** Small deterministic generator so the property checks are reproducible. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function randomLines(rand: () => number, count: number, alphabet: string[]): string[] {
  return Array.from({ length: count }, () => alphabet[Math.floor(rand() * alphabet.length)]);
}

/** Number of lines the hunks leave untouched: must be the longest common subsequence for a minimal diff. */
function unchangedCount(a: string[], hunks: Hunk[]): number {
  return a.length - hunks.reduce((n, h) => n + h.origCount, 0);
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

describe('edit/diff: line diff into hunks', () => {
  it('finds no hunk for equal texts', () => {
    assert.deepEqual(diffLines(['a', 'b'], ['a', 'b']), []);
  });

  it('separates changes by unchanged lines into hunks', () => {
    const a = ['one', 'two', 'three', 'four', 'five'];
    const b = ['one', 'TWO', 'three', 'four', 'FIVE', 'six'];
    assert.deepEqual(diffLines(a, b), [
      { origStart: 1, origCount: 1, newStart: 1, newCount: 1 },
      { origStart: 4, origCount: 1, newStart: 4, newCount: 2 },
    ]);
  });

  it('handles pure insertions, pure deletions, an empty replacement and an empty original', () => {
    assert.deepEqual(diffLines(['a', 'c'], ['a', 'b', 'c']), [{ origStart: 1, origCount: 0, newStart: 1, newCount: 1 }]);
    assert.deepEqual(diffLines(['a', 'b', 'c'], ['a', 'c']), [{ origStart: 1, origCount: 1, newStart: 1, newCount: 0 }]);
    assert.deepEqual(diffLines(['a', 'b'], []), [{ origStart: 0, origCount: 2, newStart: 0, newCount: 0 }]);
    assert.deepEqual(diffLines([], ['x']), [{ origStart: 0, origCount: 0, newStart: 0, newCount: 1 }]);
  });

  it('compares unicode lines exactly', () => {
    assert.deepEqual(diffLines(['é', '🌍', 'e\u0301'], ['é', '🌎', 'e\u0301']), [{ origStart: 1, origCount: 1, newStart: 1, newCount: 1 }]);
  });

  it('stays exact on large, very different inputs (the search gives up on the middle, not on correctness)', () => {
    const rand = lcg(3);
    const a = randomLines(rand, 3000, Array.from({ length: 40 }, (_, i) => `line ${i}`));
    const b = randomLines(rand, 3000, Array.from({ length: 40 }, (_, i) => `line ${i + 20}`));
    const hunks = diffLines(['same', ...a, 'end'], ['same', ...b, 'end']);
    assert.ok(hunks.length >= 1);
    assert.deepEqual(resolvedLines(['same', ...a, 'end'], ['same', ...b, 'end'], hunks, () => true), ['same', ...b, 'end']);
    assert.deepEqual(resolvedLines(['same', ...a, 'end'], ['same', ...b, 'end'], hunks, () => false), ['same', ...a, 'end']);
  });

  it('is minimal (keeps a longest common subsequence) on random inputs', () => {
    const rand = lcg(7);
    for (let round = 0; round < 200; round++) {
      const a = randomLines(rand, Math.floor(rand() * 15), ['a', 'b', 'c', 'd']);
      const b = randomLines(rand, Math.floor(rand() * 15), ['a', 'b', 'c', 'd']);
      const hunks = diffLines(a, b);
      assert.equal(unchangedCount(a, hunks), lcsLength(a, b), `round ${round}: ${a.join('')} -> ${b.join('')}`);
    }
  });
});

describe('edit/hunks: accept/reject arithmetic', () => {
  const original = ['function f(a) {', '  var x = a;', '  return x;', '}', '', 'f(1);'];
  const modified = ['/** Doubles a. */', 'function f(a) {', '  return a * 2;', '}', '', 'f(1);', 'f(2);'];
  const hunks = diffLines(original, modified);

  it('applying every hunk gives the new text and applying none gives the original', () => {
    assert.equal(hunks.length, 3);
    assert.deepEqual(resolvedLines(original, modified, hunks, () => true), modified);
    assert.deepEqual(resolvedLines(original, modified, hunks, () => false), original);
  });

  it('applying a subset gives exactly those changes', () => {
    assert.deepEqual(resolvedLines(original, modified, hunks, (i) => i === 1), ['function f(a) {', '  return a * 2;', '}', '', 'f(1);']);
    assert.deepEqual(resolvedLines(original, modified, hunks, (i) => i !== 1), [
      '/** Doubles a. */',
      'function f(a) {',
      '  var x = a;',
      '  return x;',
      '}',
      '',
      'f(1);',
      'f(2);',
    ]);
  });

  it('every subset of hunks on random inputs lands on a text between the two, hunk by hunk', () => {
    const rand = lcg(42);
    for (let round = 0; round < 100; round++) {
      const a = randomLines(rand, Math.floor(rand() * 10), ['x', 'y', 'z']);
      const b = randomLines(rand, Math.floor(rand() * 10), ['x', 'y', 'z']);
      const hs = diffLines(a, b);
      assert.deepEqual(resolvedLines(a, b, hs, () => true), b);
      assert.deepEqual(resolvedLines(a, b, hs, () => false), a);
      const mask = Math.floor(rand() * 2 ** hs.length);
      const mixed = resolvedLines(a, b, hs, (i) => ((mask >> i) & 1) === 1);
      const expectedLength = a.length + hs.reduce((n, h, i) => n + (((mask >> i) & 1) === 1 ? h.newCount - h.origCount : 0), 0);
      assert.equal(mixed.length, expectedLength);
    }
  });

  it('the review text is one whole version: new lines for pending and accepted hunks, the original for rejected ones', () => {
    const view = reviewView(original, modified, hunks, ['accepted', 'pending', 'rejected']);
    assert.deepEqual(view.lines, ['/** Doubles a. */', 'function f(a) {', '  return a * 2;', '}', '', 'f(1);']);
    assert.deepEqual(view.pending, [{ index: 1, start: 2, addedCount: 1, removed: ['  var x = a;', '  return x;'] }]);
  });
});

describe('edit/hunks: line sources of the review text', () => {
  it('maps unchanged lines to both sides and hunk lines to one side', () => {
    const a = ['keep', 'old', 'tail'];
    const b = ['new1', 'keep', 'new2', 'tail'];
    const hunks = diffLines(a, b);
    const view = reviewView(a, b, hunks, []);
    assert.deepEqual(view.lines, ['new1', 'keep', 'new2', 'tail']);
    assert.deepEqual(view.sources, [
      { orig: null, mod: 0, hunk: 0 },
      { orig: 0, mod: 1, hunk: null },
      { orig: null, mod: 2, hunk: 1 },
      { orig: 2, mod: 3, hunk: null },
    ]);
    const rejected = reviewView(a, b, hunks, ['rejected', 'rejected']);
    assert.deepEqual(rejected.sources[1], { orig: 1, mod: null, hunk: null });
    view.sources.forEach((s, i) => {
      if (s.orig !== null) assert.equal(a[s.orig], view.lines[i]);
      if (s.mod !== null) assert.equal(b[s.mod], view.lines[i]);
    });
  });
});
