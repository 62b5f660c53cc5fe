// Keeps a region's offsets right while the document changes under it: changes before the
// region move it, changes after it do not matter, changes inside it are conflicts. Our own
// edits are told apart from the user's by document version (an edit made at version v that
// succeeds is the change that produced version v + 1).

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
    for (const q of queued) {
      if (applied && own && q.version === own.baseVersion + 1) this.end += own.insertLength - own.deleteLength;
      else this.applyAll(q.changes);
    }
  }

  /** Feeds a document change event (the version after the change). */
  onDocumentChange(version: number, changes: readonly TextChange[]): void {
    if (this.ownEdit) this.queued.push({ version, changes });
    else this.applyAll(changes);
  }

  /** A change inside the region that the owner took on board (e.g. typing in an unchanged line during review): it resizes the region, no conflict. */
  absorb(change: TextChange): void {
    this.end += change.text.length - change.length;
  }

  /** True while one of our own edits is in flight. */
  get busy(): boolean {
    return this.ownEdit !== null;
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
