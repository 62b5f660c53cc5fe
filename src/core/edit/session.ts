// One refactor of one region, without VS Code. While the reply streams, the region keeps its
// original text (the streamed code is only a preview shown elsewhere); once the reply is whole
// the region holds the proposal, one whole version, and each hunk is accepted (kept as it is) or
// rejected (its original lines put back) until every hunk is decided. The glue writes
// `view().text` into the region and decorates its lines; what it writes is always a whole version.

import { diffLines, type Hunk } from './diff';
import { FenceCleaner, stripFences } from './fences';
import { reviewView, resolvedLines, type HunkState, type PendingHunkView } from './hunks';
import { alignIndentation, type IndentStyle } from './indent';
import { joinLines, toLines, type Eol, type LineText } from './lines';

export type SessionPhase = 'streaming' | 'review';

/** Lines `start .. start+count` of the region. */
export interface LineSpan {
  start: number;
  count: number;
}

/** Where the removed lines of a pending hunk are shown: on region line `line`, above it (`above`) or below it. */
export interface RemovedMarker {
  line: number;
  above: boolean;
  lines: string[];
}

export interface RegionView {
  /** The region's text to show: the original while streaming, the proposal with the decisions so far during review. */
  text: string;
  /** New lines of pending hunks. */
  inserted: LineSpan[];
  /** The original lines pending hunks replace (they are not in `text`). */
  removed: RemovedMarker[];
  /** Hunks still waiting for a decision (empty while streaming). */
  pending: PendingHunkView[];
}

/** What a review needs to be picked up again (e.g. after a window reload); plain JSON. */
export interface SavedSession {
  original: string[];
  finalEol: boolean;
  modified: string[];
  hunks: Hunk[];
  states: HunkState[];
  eol: Eol;
  /** The decisions to step back (forth) to with Undo (Redo); absent in reviews saved before there were any. */
  undo?: HunkState[][];
  redo?: HunkState[][];
}

export class EditSession {
  private readonly original: LineText;
  private readonly cleaner = new FenceCleaner();
  private modified: string[] = [];
  private hunkList: Hunk[] = [];
  private states: HunkState[] = [];
  /** The decisions before each decision (Undo steps back through them) and after each undone one (Redo). */
  private undoStack: HunkState[][] = [];
  private redoStack: HunkState[][] = [];
  phase: SessionPhase = 'streaming';

  constructor(
    originalText: string,
    private readonly eol: Eol,
    private readonly style: IndentStyle,
  ) {
    this.original = toLines(originalText);
  }

  /** A session in review exactly as it was saved. */
  static restore(saved: SavedSession, style: IndentStyle): EditSession {
    const session = new EditSession(joinLines(saved.original, saved.eol, saved.finalEol), saved.eol, style);
    session.modified = [...saved.modified];
    session.hunkList = saved.hunks.map((h) => ({ ...h }));
    session.states = [...saved.states];
    session.undoStack = (saved.undo ?? []).map((states) => [...states]);
    session.redoStack = (saved.redo ?? []).map((states) => [...states]);
    session.phase = 'review';
    return session;
  }

  save(): SavedSession {
    return { original: [...this.original.lines], finalEol: this.original.finalEol, modified: [...this.modified], hunks: this.hunkList.map((h) => ({ ...h })), states: [...this.states], eol: this.eol, undo: this.undoStack.map((x) => [...x]), redo: this.redoStack.map((x) => [...x]) };
  }

  get originalText(): string {
    return this.join(this.original.lines);
  }

  get hunks(): readonly Hunk[] {
    return this.hunkList;
  }

  /** Streaming: the next piece of the model's reply. */
  push(delta: string): void {
    this.cleaner.push(delta);
  }

  /** Streaming: the code received so far, aligned like the original (shown as a preview, never written into the region). */
  preview(): string {
    return this.join(this.align(toLines(this.cleaner.text()).lines));
  }

  /** Ends streaming with the whole reply (fences and prose stripped). */
  finishReply(reply: string): void {
    this.review(stripFences(reply));
  }

  /** Reviews `code` as the replacement (no fence stripping: e.g. a code block the chat already extracted). */
  review(code: string): void {
    this.modified = this.align(toLines(code).lines);
    this.hunkList = diffLines(this.original.lines, this.modified);
    this.states = this.hunkList.map((): HunkState => 'pending');
    this.phase = 'review';
  }

  view(): RegionView {
    if (this.phase === 'streaming') return { text: this.originalText, inserted: [], removed: [], pending: [] };
    const { lines, pending } = reviewView(this.original.lines, this.modified, this.hunkList, this.states);
    return {
      text: this.join(lines),
      inserted: pending.filter((h) => h.addedCount > 0).map((h) => ({ start: h.start, count: h.addedCount })),
      removed: pending.filter((h) => h.removed.length > 0).map((h) => removedMarker(h, lines.length)),
      pending,
    };
  }

  /** Accepts or rejects one pending hunk; false when it is not pending. */
  decide(index: number, accept: boolean): boolean {
    if (this.phase !== 'review' || this.states[index] !== 'pending') return false;
    this.remember();
    this.states[index] = accept ? 'accepted' : 'rejected';
    return true;
  }

  /** Steps back to the decisions before the last one; false when there is none to undo. */
  undoDecision(): boolean {
    const before = this.undoStack.pop();
    if (!before) return false;
    this.redoStack.push(this.states);
    this.states = before;
    return true;
  }

  /** Makes an undone decision again; false when there is none. */
  redoDecision(): boolean {
    const after = this.redoStack.pop();
    if (!after) return false;
    this.undoStack.push(this.states);
    this.states = after;
    return true;
  }

  get canUndoDecision(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedoDecision(): boolean {
    return this.redoStack.length > 0;
  }

  private remember(): void {
    this.undoStack.push([...this.states]);
    this.redoStack = [];
  }

  /**
   * Review: the user changed line `viewLine` of the text under review to `text` (an edit inside
   * one line). The edit belongs to whatever the line is: an unchanged line, a kept side of a
   * decided hunk, or a new line of a pending hunk (which the user thereby accepts).
   */
  editLine(viewLine: number, text: string): boolean {
    if (this.phase !== 'review') return false;
    const source = reviewView(this.original.lines, this.modified, this.hunkList, this.states).sources[viewLine];
    if (!source) return false;
    if (source.hunk !== null) this.states[source.hunk] = 'accepted';
    if (source.orig !== null) this.original.lines[source.orig] = text;
    if (source.mod !== null) this.modified[source.mod] = text;
    return true;
  }

  /** Decides every pending hunk the same way. */
  decideAll(accept: boolean): void {
    if (this.states.includes('pending')) this.remember();
    this.states = this.states.map((s) => (s === 'pending' ? (accept ? 'accepted' : 'rejected') : s));
  }

  get anyDecided(): boolean {
    return this.states.some((s) => s !== 'pending');
  }

  get allDecided(): boolean {
    return this.phase === 'review' && this.states.every((s) => s !== 'pending');
  }

  get anyAccepted(): boolean {
    return this.states.includes('accepted');
  }

  /** The region's final text: accepted hunks applied, everything else original. */
  resolvedText(): string {
    const lines = resolvedLines(this.original.lines, this.modified, this.hunkList, (i) => this.states[i] === 'accepted');
    return this.join(lines);
  }

  private align(lines: string[]): string[] {
    return alignIndentation(lines, this.original.lines, this.style);
  }

  private join(lines: string[]): string {
    return joinLines(lines, this.eol, this.original.finalEol);
  }
}

/** On the hunk's first new line; for a pure deletion on the line that follows it (or above the last line when it was at the end). */
function removedMarker(h: PendingHunkView, lineCount: number): RemovedMarker {
  if (h.addedCount > 0) return { line: h.start, above: true, lines: h.removed };
  if (h.start < lineCount) return { line: h.start, above: true, lines: h.removed };
  return { line: Math.max(0, h.start - 1), above: false, lines: h.removed };
}

/** A saved session from storage (untrusted JSON), or null when it is not one. */
export function parseSavedSession(value: unknown): SavedSession | null {
  const v = value as Partial<SavedSession> | null;
  if (!v || typeof v !== 'object') return null;
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');
  const counts = (h: unknown) => {
    const x = h as Partial<Hunk> | null;
    return !!x && [x.origStart, x.origCount, x.newStart, x.newCount].every((n) => Number.isInteger(n) && (n as number) >= 0);
  };
  if (!strings(v.original) || !strings(v.modified) || typeof v.finalEol !== 'boolean' || (v.eol !== '\n' && v.eol !== '\r\n')) return null;
  if (!Array.isArray(v.hunks) || !v.hunks.every(counts) || !Array.isArray(v.states) || v.states.length !== v.hunks.length) return null;
  if (!v.states.every((s) => s === 'pending' || s === 'accepted' || s === 'rejected')) return null;
  const fits = v.hunks.every((h) => h.origStart + h.origCount <= v.original!.length && h.newStart + h.newCount <= v.modified!.length);
  if (!fits) return null;
  // A history that does not fit these hunks is dropped, not the review.
  const history = (x: unknown): HunkState[][] =>
    Array.isArray(x) && x.every((states) => Array.isArray(states) && states.length === v.hunks!.length && states.every((st) => st === 'pending' || st === 'accepted' || st === 'rejected')) ? (x as HunkState[][]) : [];
  return { original: v.original, finalEol: v.finalEol, modified: v.modified, hunks: v.hunks, states: v.states, eol: v.eol, undo: history(v.undo), redo: history(v.redo) };
}
