// Keeps a region's offsets right while the document changes under it: changes before the
// region move it, changes after it do not matter, changes inside it are reported to the owner.
// Our own edits are told apart from everyone else's by CONTENT: before sending an edit the
// owner says exactly what it will change (offset, length, text); a change event that is exactly
// that edit is ours, anything else is someone else's, whatever document version it carries.

/** One content change, in offsets of the text before the change. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** What one change event was, for the region's owner. */
export type ChangeKind =
  /** Exactly the edit we sent (the region is resized). */
  | 'own'
  /** Someone else's change that left the region's text alone (it may have moved the region). */
  | 'outside'
  /** Someone else's change to the region's text (the region's bounds follow it). */
  | 'inside';

export class RegionTracker {
  /** Our edits sent and not yet seen in a change event, oldest first. */
  private readonly expected: TextChange[] = [];
  private settledWaiters: (() => void)[] = [];

  constructor(
    public start: number,
    public end: number,
  ) {}

  /** Call right before sending our own edit (absolute offsets in the document as we see it). */
  expect(change: TextChange): void {
    this.expected.push({ ...change });
  }

  /** Our edit was not applied (or the session ends): its change event will never come. */
  forget(change?: TextChange): void {
    if (change) {
      const at = this.expected.findIndex((c) => same(c, change));
      if (at >= 0) this.expected.splice(at, 1);
    } else {
      this.expected.length = 0;
    }
    this.wake();
  }

  /** True while one of our edits has been sent and its change event has not arrived. */
  get busy(): boolean {
    return this.expected.length > 0;
  }

  /** Resolves once no edit of ours is waiting for its change event. */
  whenSettled(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Feeds a document change event (its content changes, in offsets before the change). */
  onDocumentChange(changes: readonly TextChange[]): ChangeKind {
    if (changes.length === 1) {
      const at = this.expected.findIndex((c) => same(c, changes[0]));
      if (at >= 0) {
        this.expected.splice(at, 1);
        this.end += changes[0].text.length - changes[0].length;
        this.wake();
        return 'own';
      }
    }
    // Content changes of one event do not overlap; applying them from the last one keeps earlier offsets valid.
    const sorted = [...changes].sort((x, y) => y.offset - x.offset);
    let inside = false;
    for (const change of sorted) inside = this.apply(change) || inside;
    return inside ? 'inside' : 'outside';
  }

  /** Moves or resizes the region for one change; true when the change touches the region's text. */
  private apply(change: TextChange): boolean {
    const changeEnd = change.offset + change.length;
    const delta = change.text.length - change.length;
    // The region starts at a line start: whole lines inserted there (text ending in a line break) go above it.
    const linesAbove = change.length === 0 && change.offset === this.start && change.text.endsWith('\n');
    const before = changeEnd < this.start || (changeEnd === this.start && change.length > 0) || linesAbove;
    if (before) {
      this.start += delta;
      this.end += delta;
      return false;
    }
    if (change.offset >= this.end) return false;
    // The region's end follows the change (a change reaching past the end takes the region with it).
    this.end = Math.max(this.end, changeEnd) + delta;
    this.start = Math.min(this.start, change.offset);
    return true;
  }

  private wake(): void {
    if (this.busy) return;
    for (const resolve of this.settledWaiters.splice(0)) resolve();
  }
}

function same(a: TextChange, b: TextChange): boolean {
  return a.offset === b.offset && a.length === b.length && a.text === b.text;
}
