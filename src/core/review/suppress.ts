// Suppressions: what a team has decided not to hear about again.
// - In the code: a comment with `relay-review: ignore` (optionally `[category, …]` and a reason) on
//   the flagged line or the line above hides findings there; `relay-review: ignore-file` in the
//   first lines hides the whole file (it is not even sent).
// - In the repository: `.relay/review-suppressions.json`, entries matched by fingerprint, path
//   (a glob) and category; written by the extension's "Dismiss finding…" and meant to be committed.
import picomatch from 'picomatch';
import { categoryOf } from './categories';
import type { Finding } from './types';

export const SUPPRESSIONS_FILE = '.relay/review-suppressions.json';
/** `relay-review: ignore-file` counts only in the first lines (a header comment). */
export const IGNORE_FILE_LINES = 10;

const IGNORE_FILE = /relay-review:\s*ignore-file\b/i;
const IGNORE = /relay-review:\s*ignore(?!-)(?:\s*\[([^\]]*)\])?(.*)$/i;

/** true when one of the first lines says `relay-review: ignore-file`. */
export function ignoresFile(text: string): boolean {
  let start = 0;
  for (let i = 0; i < IGNORE_FILE_LINES && start <= text.length; i++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (IGNORE_FILE.test(line)) return true;
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

interface InlineIgnore {
  /** Categories (or reviewer labels) it covers; empty: every finding. */
  only: string[];
  reason?: string;
}

function inlineIgnore(line: string | undefined): InlineIgnore | null {
  const m = line === undefined ? null : IGNORE.exec(line);
  if (!m) return null;
  const only = (m[1] ?? '').split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
  // The reason is the rest of the comment, without a closing `*/`, `-->` or separators.
  const reason = m[2].replace(/(\*\/|-->|#\}|%>)\s*$/, '').replace(/^[\s:—–-]+/, '').trim();
  return { only, ...(reason ? { reason } : {}) };
}

function covers(ig: InlineIgnore, f: Finding): boolean {
  return ig.only.length === 0 || ig.only.includes(categoryOf(f)) || (f.rule !== undefined && ig.only.includes(f.rule.toLowerCase()));
}

/** The findings with `suppressed` set where an inline comment on the line (or the line above) hides them. */
export function markInlineSuppressions(findings: Finding[], lines: string[]): Finding[] {
  return findings.map((f) => {
    const ig = [inlineIgnore(lines[f.line - 1]), inlineIgnore(lines[f.line - 2])].find((x) => x && covers(x, f));
    return ig ? { ...f, suppressed: { by: 'inline' as const, ...(ig.reason ? { reason: ig.reason } : {}) } } : f;
  });
}

/** One entry of `.relay/review-suppressions.json`. At least one of fingerprint, path, category. */
export interface Suppression {
  fingerprint?: string;
  /** A path or glob relative to the repository root. */
  path?: string;
  category?: string;
  reason?: string;
  /** Who dismissed it, and when (ISO 8601): for the people reading the file. */
  by?: string;
  at?: string;
  /** The finding's message when it was dismissed (for readers; not matched). */
  message?: string;
}

export interface SuppressionsFile {
  version: 1;
  suppressions: Suppression[];
}

/** The entries of a suppressions file (an object with `suppressions`, or a bare array); unusable entries are left out. */
export function parseSuppressions(text: string): Suppression[] {
  const value: unknown = JSON.parse(text);
  const list = Array.isArray(value) ? value : (value as { suppressions?: unknown })?.suppressions;
  if (!Array.isArray(list)) throw new Error(`${SUPPRESSIONS_FILE} must hold {"suppressions": [...]}`);
  const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  const out: Suppression[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const s: Suppression = {};
    for (const k of ['fingerprint', 'path', 'category', 'reason', 'by', 'at', 'message'] as const) {
      const v = str(o[k]);
      if (v !== undefined) s[k] = k === 'category' ? v.toLowerCase() : v;
    }
    if (s.fingerprint || s.path || s.category) out.push(s);
  }
  return out;
}

export type SuppressionMatcher = (path: string, f: Finding) => Suppression | undefined;

/** Matches findings against the entries; `prefix` maps report paths to repository paths (review root below the top level). */
export function suppressionMatcher(entries: Suppression[], prefix = ''): SuppressionMatcher {
  const compiled = entries.map((s) => ({ s, path: s.path ? picomatch(s.path, { dot: true }) : null }));
  return (path, f) => {
    const repoPath = prefix + path;
    return compiled.find(({ s, path: glob }) =>
      (!s.fingerprint || s.fingerprint === f.fingerprint) &&
      (!glob || glob(repoPath) || s.path === repoPath) &&
      (!s.category || s.category === categoryOf(f)))?.s;
  };
}

/** The suppressions file with one more entry, as the whole text to write (2-space JSON, trailing newline). */
export function withSuppression(existing: string | null, entry: Suppression): string {
  const entries = existing?.trim() ? parseSuppressions(existing) : [];
  const known = entries.some((e) => e.fingerprint && e.fingerprint === entry.fingerprint && e.path === entry.path);
  const file: SuppressionsFile = { version: 1, suppressions: known ? entries : [...entries, entry] };
  return JSON.stringify(file, null, 2) + '\n';
}
