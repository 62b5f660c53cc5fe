// Fuzzy matching for the `#file` picker: the query's characters in order (case-insensitive),
// scored so that matches in the file name, at word starts and in a row rank first.

/** A score (higher is better), or null when `query` is not a subsequence of `candidate`. */
export function fuzzyScore(query: string, candidate: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  const c = candidate.toLowerCase();
  const nameStart = candidate.lastIndexOf('/') + 1;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    const at = c.indexOf(ch, from);
    if (at < 0) return null;
    const boundary = at === 0 || '/._- '.includes(c[at - 1]) || (candidate[at] !== c[at] && candidate[at - 1] === c[at - 1]);
    score += 1 + (at === previous + 1 ? 3 : 0) + (boundary ? 2 : 0) + (at >= nameStart ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  // shorter candidates first among equals
  return score - candidate.length / 1000;
}

/** The `limit` best matches of `query`, best first; ties keep their input order. */
export function fuzzyFilter<T>(query: string, items: readonly T[], key: (item: T) => string, limit: number): T[] {
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const score = fuzzyScore(query, key(item));
    if (score !== null) scored.push({ item, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.item);
}
