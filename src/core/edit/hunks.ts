// Hunk accept/reject arithmetic. While a change is under review the document holds ONE whole
// version: every pending or accepted hunk shows its new lines, every rejected hunk its original
// lines. The removed lines of a pending hunk are never in the text; they travel beside it (for
// a marker and a hover). Rejecting a pending hunk swaps its new lines back for the original ones.

import type { Hunk } from './diff';

export type HunkState = 'pending' | 'accepted' | 'rejected';

/** A pending hunk as it stands in the text under review: `addedCount` new lines from `start`; `removed` are the original lines they replace. */
export interface PendingHunkView {
  index: number;
  start: number;
  addedCount: number;
  removed: string[];
}

/** Where a line of the text under review comes from: an original line, a new line, or both (unchanged). */
export interface LineSource {
  orig: number | null;
  mod: number | null;
  /** The pending hunk the line is a new line of, else null. */
  hunk: number | null;
}

export interface ReviewView {
  lines: string[];
  pending: PendingHunkView[];
  sources: LineSource[];
}

/** The text under review for these decisions (hunks missing from `states` are pending). */
export function reviewView(original: readonly string[], modified: readonly string[], hunks: readonly Hunk[], states: readonly HunkState[]): ReviewView {
  const lines: string[] = [];
  const sources: LineSource[] = [];
  const pending: PendingHunkView[] = [];
  const unchanged = (from: number, to: number, shift: number) => {
    for (let i = from; i < to; i++) {
      lines.push(original[i]);
      sources.push({ orig: i, mod: i + shift, hunk: null });
    }
  };
  let next = 0; // next original line not yet copied
  let shift = 0; // modified index minus original index for unchanged lines
  hunks.forEach((hunk, index) => {
    unchanged(next, hunk.origStart, shift);
    const state = states[index] ?? 'pending';
    if (state === 'pending') pending.push({ index, start: lines.length, addedCount: hunk.newCount, removed: original.slice(hunk.origStart, hunk.origStart + hunk.origCount) });
    if (state === 'rejected') {
      for (let i = hunk.origStart; i < hunk.origStart + hunk.origCount; i++) {
        lines.push(original[i]);
        sources.push({ orig: i, mod: null, hunk: null });
      }
    } else {
      for (let i = hunk.newStart; i < hunk.newStart + hunk.newCount; i++) {
        lines.push(modified[i]);
        sources.push({ orig: null, mod: i, hunk: state === 'pending' ? index : null });
      }
    }
    next = hunk.origStart + hunk.origCount;
    shift = hunk.newStart + hunk.newCount - next;
  });
  unchanged(next, original.length, shift);
  return { lines, pending, sources };
}

/** The text when every hunk is decided: accepted hunks take the new lines, all others keep the original. */
export function resolvedLines(original: readonly string[], modified: readonly string[], hunks: readonly Hunk[], accepted: (index: number) => boolean): string[] {
  const states = hunks.map((_, i): HunkState => (accepted(i) ? 'accepted' : 'rejected'));
  return reviewView(original, modified, hunks, states).lines;
}
