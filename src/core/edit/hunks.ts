// Hunk accept/reject arithmetic: the text shown while hunks are under review (removed lines
// followed by added lines) and the exact text once some hunks are accepted and others rejected.

import type { Hunk } from './diff';

export type HunkState = 'pending' | 'accepted' | 'rejected';

/** A pending hunk as shown in the review text: `removedCount` original lines from `start`, then `addedCount` new lines. */
export interface PendingHunkView {
  index: number;
  start: number;
  removedCount: number;
  addedCount: number;
}

/** Where a line of the review text comes from: an original line, a new line, or both (unchanged). */
export interface LineSource {
  orig: number | null;
  mod: number | null;
  /** Part of a hunk still under review. */
  pending: boolean;
}

export interface ReviewView {
  lines: string[];
  pending: PendingHunkView[];
  sources: LineSource[];
}

/** Review text for the current decisions (hunks missing from `states` are pending). */
export function reviewView(original: readonly string[], modified: readonly string[], hunks: readonly Hunk[], states: readonly HunkState[]): ReviewView {
  const lines: string[] = [];
  const sources: LineSource[] = [];
  const pending: PendingHunkView[] = [];
  const unchanged = (from: number, to: number, shift: number) => {
    for (let i = from; i < to; i++) {
      lines.push(original[i]);
      sources.push({ orig: i, mod: i + shift, pending: false });
    }
  };
  const copy = (side: 'orig' | 'mod', from: number, count: number, isPending: boolean) => {
    for (let i = from; i < from + count; i++) {
      lines.push(side === 'orig' ? original[i] : modified[i]);
      sources.push({ orig: side === 'orig' ? i : null, mod: side === 'mod' ? i : null, pending: isPending });
    }
  };
  let next = 0; // next original line not yet copied
  let shift = 0; // modified index minus original index for unchanged lines
  hunks.forEach((hunk, index) => {
    unchanged(next, hunk.origStart, shift);
    const state = states[index] ?? 'pending';
    if (state === 'pending') pending.push({ index, start: lines.length, removedCount: hunk.origCount, addedCount: hunk.newCount });
    if (state !== 'accepted') copy('orig', hunk.origStart, hunk.origCount, state === 'pending');
    if (state !== 'rejected') copy('mod', hunk.newStart, hunk.newCount, state === 'pending');
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
