// Line diff (Myers' O(ND) algorithm) grouped into hunks: runs of changed lines separated by
// at least one unchanged line.

/** Lines `origStart..origStart+origCount` of the original become `newStart..newStart+newCount` of the new text. */
export interface Hunk {
  origStart: number;
  origCount: number;
  newStart: number;
  newCount: number;
}

/** Above this many V-array cells the middle is reported as one hunk instead of searched further. */
const MAX_TRACE_CELLS = 16_000_000;

export function diffLines(original: readonly string[], modified: readonly string[]): Hunk[] {
  let prefix = 0;
  const shorter = Math.min(original.length, modified.length);
  while (prefix < shorter && original[prefix] === modified[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && original[original.length - 1 - suffix] === modified[modified.length - 1 - suffix]) suffix++;
  const a = original.slice(prefix, original.length - suffix);
  const b = modified.slice(prefix, modified.length - suffix);
  return hunksFromMatches(matchedPairs(a, b), a.length, b.length, prefix);
}

/** Index pairs [i, j] with a[i] === b[j] on one shortest edit path, ascending. */
function matchedPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    if ((d + 1) * v.length > MAX_TRACE_CELLS) return [];
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, offset);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], n: number, m: number, offset: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

function hunksFromMatches(pairs: [number, number][], n: number, m: number, base: number): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [n, m] as [number, number]]) {
    if (pi > i || pj > j) hunks.push({ origStart: base + i, origCount: pi - i, newStart: base + j, newCount: pj - j });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}
