// One inline diff in one document: writes the session's view into the tracked region (one
// edit at a time, coalesced while streaming), notices user edits, and ends cleanly.
import * as vscode from 'vscode';
import { EditSession, RegionTracker, minimalReplacement, type RegionView, type SessionPhase } from '../../core/edit/index';

export type EndReason = 'accepted' | 'rejected' | 'cancelled' | 'failed' | 'conflict' | 'closed' | 'unchanged';

interface UndoStops {
  before: boolean;
  after: boolean;
}

/** Streaming and review edits join one undo step; the final text is its own step, so one Undo brings the original back. */
const FIRST: UndoStops = { before: true, after: false };
const JOINED: UndoStops = { before: false, after: false };
const CLOSING: UndoStops = { before: false, after: true };
const OWN_STEP: UndoStops = { before: true, after: true };
const MAX_WRITE_ATTEMPTS = 3;

export interface LiveEditHooks {
  /** Something visible changed (text, phase, hunks): redraw decorations, lenses and context keys. */
  changed(live: LiveEdit): void;
  ended(live: LiveEdit, reason: EndReason): void;
}

export class LiveEdit {
  readonly abort = new AbortController();
  private readonly tracker: RegionTracker;
  private lastView: RegionView | null = null;
  private lastPhase: SessionPhase = 'streaming';
  private lastWritten: string;
  private chain: Promise<unknown> = Promise.resolve();
  private renderQueued = false;
  private written = false;
  private endReason: EndReason | null = null;
  private stopping = false;
  /** After a conflict: whether text we wrote is still in the document (it could not be removed without touching the user's edit). */
  leftovers = false;
  private resolveEnded!: (reason: EndReason) => void;
  /** Resolves once the session is over and the document is in its final state. */
  readonly whenEnded = new Promise<EndReason>((resolve) => (this.resolveEnded = resolve));

  constructor(
    readonly doc: vscode.TextDocument,
    start: number,
    end: number,
    readonly session: EditSession,
    private readonly hooks: LiveEditHooks,
  ) {
    this.tracker = new RegionTracker(start, end);
    this.lastWritten = session.originalText;
  }

  get uri(): vscode.Uri {
    return this.doc.uri;
  }

  get ended(): EndReason | null {
    return this.endReason;
  }

  /** True once the session ends or is being cancelled: a request error then needs no handling. */
  get stopped(): boolean {
    return this.stopping || this.endReason !== null;
  }

  /** Document line where the region starts. */
  get firstLine(): number {
    return this.doc.positionAt(this.tracker.start).line;
  }

  /** What the document shows now (the session may already be a step ahead). */
  get view(): RegionView {
    return this.lastView ?? this.session.view();
  }

  get shownPhase(): SessionPhase {
    return this.lastPhase;
  }

  /** Streaming: shows the latest view soon (several calls while a write is in flight make one write). */
  requestRender(): void {
    if (this.renderQueued || this.stopped) return;
    this.renderQueued = true;
    void this.enqueue(async () => {
      this.renderQueued = false;
      if (!this.endReason) await this.writeView();
    });
  }

  /** After the stream (or for applyCode): shows the hunks, or ends at once when there is no change. */
  async startReview(): Promise<void> {
    await this.enqueue(async () => {
      if (this.endReason) return;
      if (this.session.hunks.length === 0) return this.finish('unchanged');
      await this.writeView();
    });
  }

  /** Accepts or rejects one hunk (or all, with index null); ends the session once every hunk is decided. */
  async decide(index: number | null, accept: boolean): Promise<void> {
    await this.enqueue(async () => {
      if (this.endReason || this.session.phase !== 'review') return;
      if (index === null) this.session.decideAll(accept);
      else if (!this.session.decide(index, accept)) return;
      if (this.session.allDecided) await this.finish(this.session.anyAccepted ? 'accepted' : 'rejected');
      else await this.writeView();
    });
  }

  /** Stops the request and puts the original text back (Esc, Reject All while streaming, a failed request). */
  async cancel(reason: 'cancelled' | 'failed'): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.enqueue(() => this.finish(reason));
  }

  /** The document was closed: nothing to restore, just let go. */
  closed(): void {
    this.end('closed');
  }

  onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    if (this.endReason) return;
    if (this.takeLineEdit(e)) return;
    this.tracker.onDocumentChange(
      e.document.version,
      e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })),
    );
    this.checkConflict();
  }

  /** Review: typing within one unchanged (or decided) line of the region is kept as part of the change. */
  private takeLineEdit(e: vscode.TextDocumentChangeEvent): boolean {
    if (this.lastPhase !== 'review' || this.stopping || this.tracker.busy || e.contentChanges.length !== 1) return false;
    const c = e.contentChanges[0];
    const inOneLine = c.range.start.line === c.range.end.line && !/[\r\n]/.test(c.text);
    const inside = c.rangeOffset >= this.tracker.start && c.rangeOffset + c.rangeLength <= this.tracker.end;
    if (!inOneLine || !inside) return false;
    if (!this.session.editLine(c.range.start.line - this.firstLine, e.document.lineAt(c.range.start.line).text)) return false;
    this.tracker.absorb({ offset: c.rangeOffset, length: c.rangeLength, text: c.text });
    this.lastView = this.session.view();
    return true;
  }

  private async finish(reason: EndReason): Promise<void> {
    if (this.endReason) return;
    const restored = await this.write(this.session.originalText, CLOSING);
    const done = restored && (reason !== 'accepted' || (await this.write(this.session.resolvedText(), OWN_STEP)));
    if (!done) this.leftovers = true; // a user edit got in the way: nothing of theirs is overwritten
    this.end(done ? reason : 'conflict');
  }

  private end(reason: EndReason): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.abort.abort();
    this.hooks.ended(this, reason);
    this.resolveEnded(reason);
  }

  private async writeView(): Promise<void> {
    const view = this.session.view();
    const phase = this.session.phase;
    if (await this.write(view.text, this.written ? JOINED : FIRST)) {
      this.lastView = view;
      this.lastPhase = phase;
      this.hooks.changed(this);
    }
  }

  /** Replaces the region's text with `text` through the smallest edit; false when it could not be written. */
  private async write(text: string, stops: UndoStops): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS && !this.tracker.conflict && !this.endReason; attempt++) {
      await settledOrClosed(this.tracker, this.doc);
      if (this.tracker.conflict || this.endReason) break;
      const current = this.doc.getText(this.range(this.tracker.start, this.tracker.end));
      const r = minimalReplacement(current, text);
      if (r.deleteLength === 0 && r.insert === '') return true;
      const at = this.tracker.start + r.offset;
      this.tracker.beginOwnEdit(this.doc.version, r.deleteLength, r.insert.length);
      let applied = false;
      try {
        applied = await replace(this.doc, this.range(at, at + r.deleteLength), r.insert, stops);
      } finally {
        this.tracker.endOwnEdit(applied);
      }
      if (applied) {
        this.written = true;
        this.lastWritten = text;
        return true;
      }
      this.checkConflict();
    }
    return false;
  }

  /** A user edit inside the region ends the session without overwriting it; while streaming, our new lines above the original are removed when still intact. */
  private checkConflict(): void {
    const conflict = this.tracker.conflict;
    if (!conflict || this.endReason || this.stopping) return;
    const streaming = this.lastPhase === 'streaming';
    const ours = this.lastWritten.endsWith(this.session.originalText) ? this.lastWritten.slice(0, this.lastWritten.length - this.session.originalText.length) : '';
    const removeOurs = streaming && ours !== '' && conflict.offset >= this.tracker.start + ours.length;
    this.stopping = true;
    this.abort.abort();
    void this.enqueue(async () => {
      // An Undo that took the region back to the original is not a conflict: the user simply went back.
      if (this.doc.getText(this.range(this.tracker.start, this.tracker.end)) === this.session.originalText) {
        return this.end(streaming ? 'cancelled' : 'rejected');
      }
      const range = this.range(this.tracker.start, this.tracker.start + ours.length);
      const removed = removeOurs && this.doc.getText(range) === ours && (await replace(this.doc, range, '', CLOSING));
      this.leftovers = streaming ? ours !== '' && !removed : true;
      this.end('conflict');
    });
  }

  private range(start: number, end: number): vscode.Range {
    return new vscode.Range(this.doc.positionAt(start), this.doc.positionAt(end));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** The editor may report an edit applied before the document (and its change event) reflects it: wait for that event. */
async function settledOrClosed(tracker: RegionTracker, doc: vscode.TextDocument): Promise<void> {
  if (!tracker.busy) return; // the usual case: nothing to wait for, no timer
  let timer: NodeJS.Timeout | undefined;
  // A closed document sends no more events; the guard keeps a lost event from hanging the session.
  const guard = new Promise<void>((resolve) => (timer = setTimeout(resolve, doc.isClosed ? 0 : 2000)));
  await Promise.race([tracker.whenSettled(), guard]);
  clearTimeout(timer);
}

/** Edits through a visible editor (so undo stops apply), else through a workspace edit. */
async function replace(doc: vscode.TextDocument, range: vscode.Range, text: string, stops: UndoStops): Promise<boolean> {
  if (doc.isClosed) return false;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (editor) {
    try {
      return await editor.edit((b) => b.replace(range, text), { undoStopBefore: stops.before, undoStopAfter: stops.after });
    } catch {
      // The editor closed in the meantime: fall through to a workspace edit.
    }
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  return vscode.workspace.applyEdit(edit);
}
