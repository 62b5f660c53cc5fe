// Snippets for the prompt: windows of other open editors and recently edited ranges, ranked by
// Jaccard similarity of their identifiers to the code before the cursor (as Copilot's and Continue's
// "similar files" ranking), best first, within a character budget.
import type { Snippet } from './context';

export interface SnippetSource {
  path: string;
  text: string;
  /** Recently edited ranges get a small bonus: the user is working there. */
  recent?: boolean;
}

const WINDOW_LINES = 12;
const STRIDE = 6;
const MIN_SCORE = 0.12;
const MAX_SNIPPETS = 3;

export function identifiers(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][A-Za-z0-9_$]{2,}/g) ?? []);
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Windows of a source: the whole text when short, else overlapping runs of lines. */
function windowsOf(s: SnippetSource): string[] {
  const lines = s.text.split('\n');
  if (lines.length <= WINDOW_LINES) return [s.text];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += STRIDE) {
    out.push(lines.slice(i, i + WINDOW_LINES).join('\n'));
    if (i + WINDOW_LINES >= lines.length) break;
  }
  return out;
}

/** The best windows, one per source at most, similar enough to matter, within maxChars. */
export function rankSnippets(query: string, sources: readonly SnippetSource[], maxChars: number): Snippet[] {
  const q = identifiers(query);
  if (!q.size || maxChars <= 0) return [];
  const scored: { path: string; text: string; score: number }[] = [];
  for (const s of sources) {
    let best: { text: string; score: number } | null = null;
    for (const w of windowsOf(s)) {
      const score = jaccard(q, identifiers(w)) + (s.recent ? 0.05 : 0);
      if (!best || score > best.score) best = { text: w, score };
    }
    if (best && best.score >= MIN_SCORE) scored.push({ path: s.path, ...best });
  }
  scored.sort((a, b) => b.score - a.score);
  const out: Snippet[] = [];
  let used = 0;
  for (const s of scored) {
    if (out.length >= MAX_SNIPPETS || used + s.text.length > maxChars) continue;
    used += s.text.length;
    out.push({ path: s.path, text: s.text.trimEnd() });
  }
  return out;
}
