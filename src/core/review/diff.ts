// PR mode: which lines of a file a pull request changed, and which findings to keep
// (like reviewdog's filter modes: added lines only, the diff hunks with context, or the whole file).
import type { Finding } from './types';

export type DiffFilter = 'added' | 'diff_context' | 'file';
export const DIFF_FILTERS: readonly DiffFilter[] = ['added', 'diff_context', 'file'];

/** What changed in one file against the base. Lines are 1-based lines of the work-tree file. */
export interface FileDiff {
  /** Added or changed lines, ascending. */
  added: number[];
  /** Hunks of the new file with their context lines: [first, last] inclusive. */
  hunks: [number, number][];
  /** The unified diff sent with the file (may be cut; '' for a new untracked file). */
  text: string;
  /** A file the base does not have: every line counts as added. */
  newFile?: boolean;
}

const MAX_DIFF_CHARS = 20_000;

/** Parses `git diff -U3` output for one file. */
export function parseUnifiedDiff(text: string): FileDiff {
  const added: number[] = [];
  const hunks: [number, number][] = [];
  let line = 0;
  let inHunk = false;
  for (const row of text.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(row);
    if (header) {
      const start = Number(header[1]);
      const count = header[2] === undefined ? 1 : Number(header[2]);
      if (count > 0) hunks.push([start, start + count - 1]);
      line = start;
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (row.startsWith('+')) added.push(line++);
    else if (row.startsWith(' ')) line++;
    else if (row.startsWith('diff ')) inHunk = false;
  }
  return { added, hunks, text: cut(text) };
}

function cut(text: string): string {
  return text.length <= MAX_DIFF_CHARS ? text : `${text.slice(0, MAX_DIFF_CHARS)}\n… (diff cut at ${MAX_DIFF_CHARS} characters)\n`;
}

/** "3-5, 9, 12-14": ascending lines as ranges. */
export function lineRanges(lines: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** true when lines first..last touch what the filter keeps. */
export function touchesDiff(diff: FileDiff, first: number, last: number, filter: DiffFilter): boolean {
  if (filter === 'file' || diff.newFile) return true;
  if (filter === 'diff_context') return diff.hunks.some(([a, b]) => a <= last && b >= first);
  return diff.added.some((l) => l >= first && l <= last);
}

/** The findings the filter keeps. */
export function filterFindings(findings: Finding[], diff: FileDiff, filter: DiffFilter): Finding[] {
  return findings.filter((f) => touchesDiff(diff, f.line, f.endLine ?? f.line, filter));
}
