// One refactor of one region, without VS Code: the reply streams in, the region shows the new
// lines above the original ones, then the change is reviewed hunk by hunk until every hunk is
// accepted or rejected. The glue writes `view().text` into the region and decorates its lines.

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

export interface RegionView {
  /** The region's text to show. */
  text: string;
  inserted: LineSpan[];
  removed: LineSpan[];
  /** Hunks still waiting for a decision (empty while streaming). */
  pending: PendingHunkView[];
}

export class EditSession {
  private readonly original: LineText;
  private readonly cleaner = new FenceCleaner();
  private modified: string[] = [];
  private hunkList: Hunk[] = [];
  private states: HunkState[] = [];
  phase: SessionPhase = 'streaming';

  constructor(
    originalText: string,
    private readonly eol: Eol,
    private readonly style: IndentStyle,
  ) {
    this.original = toLines(originalText);
  }

  get originalText(): string {
    return joinLines(this.original.lines, this.eol, this.original.finalEol);
  }

  get hunks(): readonly Hunk[] {
    return this.hunkList;
  }

  /** Streaming: the next piece of the model's reply. */
  push(delta: string): void {
    this.cleaner.push(delta);
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
    return this.phase === 'streaming' ? this.streamingView() : this.currentReview();
  }

  /** Accepts or rejects one pending hunk; false when it is not pending. */
  decide(index: number, accept: boolean): boolean {
    if (this.phase !== 'review' || this.states[index] !== 'pending') return false;
    this.states[index] = accept ? 'accepted' : 'rejected';
    return true;
  }

  /**
   * Review: the user changed line `viewLine` of the review text to `text` (an edit inside one
   * line). Unchanged lines and lines of decided hunks take the edit; false for a line of a
   * pending hunk (its meaning would be unclear).
   */
  editLine(viewLine: number, text: string): boolean {
    if (this.phase !== 'review') return false;
    const source = reviewView(this.original.lines, this.modified, this.hunkList, this.states).sources[viewLine];
    if (!source || source.pending) return false;
    if (source.orig !== null) this.original.lines[source.orig] = text;
    if (source.mod !== null) this.modified[source.mod] = text;
    return true;
  }

  /** Decides every pending hunk the same way. */
  decideAll(accept: boolean): void {
    this.states = this.states.map((s) => (s === 'pending' ? (accept ? 'accepted' : 'rejected') : s));
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

  private streamingView(): RegionView {
    const preview = this.align(toLines(this.cleaner.text()).lines);
    const text = this.join([...preview, ...this.original.lines]);
    return {
      text,
      inserted: nonEmpty({ start: 0, count: preview.length }),
      removed: nonEmpty({ start: preview.length, count: this.original.lines.length }),
      pending: [],
    };
  }

  private currentReview(): RegionView {
    const { lines, pending } = reviewView(this.original.lines, this.modified, this.hunkList, this.states);
    return {
      text: this.join(lines),
      inserted: pending.flatMap((h) => nonEmpty({ start: h.start + h.removedCount, count: h.addedCount })),
      removed: pending.flatMap((h) => nonEmpty({ start: h.start, count: h.removedCount })),
      pending,
    };
  }

  private align(lines: string[]): string[] {
    return alignIndentation(lines, this.original.lines, this.style);
  }

  private join(lines: string[]): string {
    return joinLines(lines, this.eol, this.original.finalEol);
  }
}

function nonEmpty(span: LineSpan): LineSpan[] {
  return span.count > 0 ? [span] : [];
}
