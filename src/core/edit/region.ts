// Keeps a region's offsets right while the document changes under it: changes before the
// region move it, changes after it do not matter, changes inside it are conflicts. Our own
// edits are told apart from the user's by document version (an edit made at version v that
// succeeds is the change that produced version v + 1). The change event of our edit may arrive
// before or after the editor says the edit succeeded: both orders are handled.

/** One content change, in offsets of the text before the change. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

interface OwnEdit {
  baseVersion: number;
  /** Replaced span relative to the region start, and the length of its replacement. */
  deleteLength: number;
  insertLength: number;
}

interface QueuedChange {
  version: number;
  changes: readonly TextChange[];
}

export class RegionTracker {
  private ownEdit: OwnEdit | null = null;
  private queued: QueuedChange[] = [];
  /** Our applied edits whose change event has not arrived yet: version it produces -> length delta. */
  private readonly awaited = new Map<number, number>();
  private settledWaiters: (() => void)[] = [];
  /** The first change that touched the region from outside our own edits, if any. */
  conflict: TextChange | null = null;

  constructor(
    public start: number,
    public end: number,
  ) {}

  /** Call right before applying our own replacement inside the region at document version `baseVersion`. */
  beginOwnEdit(baseVersion: number, deleteLength: number, insertLength: number): void {
    this.ownEdit = { baseVersion, deleteLength, insertLength };
  }

  /** Call when our edit settled; `applied` is what the editor answered. */
  endOwnEdit(applied: boolean): void {
    const own = this.ownEdit;
    this.ownEdit = null;
    const queued = this.queued.splice(0);
    if (applied && own) this.awaited.set(own.baseVersion + 1, own.insertLength - own.deleteLength);
    for (const q of queued) this.settle(q.version, q.changes);
  }

  /** Feeds a document change event (the version after the change). */
  onDocumentChange(version: number, changes: readonly TextChange[]): void {
    if (this.ownEdit) this.queued.push({ version, changes });
    else this.settle(version, changes);
  }

  private settle(version: number, changes: readonly TextChange[]): void {
    const ownDelta = this.awaited.get(version);
    if (ownDelta === undefined) return this.applyAll(changes);
    this.awaited.delete(version);
    this.end += ownDelta;
    if (this.awaited.size === 0) for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  /** Resolves once the change events of all our applied edits have arrived (the document text then matches the offsets). */
  whenSettled(): Promise<void> {
    if (this.awaited.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** A change inside the region that the owner took on board (e.g. typing in an unchanged line during review): it resizes the region, no conflict. */
  absorb(change: TextChange): void {
    this.end += change.text.length - change.length;
  }

  /** True while one of our own edits is in flight or its change event is still to come. */
  get busy(): boolean {
    return this.ownEdit !== null || this.awaited.size > 0;
  }

  private applyAll(changes: readonly TextChange[]): void {
    // Content changes of one event do not overlap; applying them from the last one keeps earlier offsets valid.
    const sorted = [...changes].sort((x, y) => y.offset - x.offset);
    for (const change of sorted) this.apply(change);
  }

  private apply(change: TextChange): void {
    const changeEnd = change.offset + change.length;
    const delta = change.text.length - change.length;
    // The region starts at a line start: whole lines inserted there (text ending in a line break) go above it.
    const linesAbove = change.length === 0 && change.offset === this.start && change.text.endsWith('\n');
    const before = changeEnd < this.start || (changeEnd === this.start && change.length > 0) || linesAbove;
    if (before) {
      this.start += delta;
      this.end += delta;
    } else if (change.offset < this.end) {
      this.conflict ??= change;
      this.end = Math.max(this.start, this.end + delta);
    }
  }
}
