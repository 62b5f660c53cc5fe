// One inline diff in one document. The document always holds a whole version: the original
// while the reply streams (we write nothing then), the proposal once it is whole (one edit, its
// own undo step), then the proposal with the hunks rejected so far put back (one edit per
// decision). Every change event is matched by content against the edit we sent; anything else
// is someone else's: typing inside one line is taken into the review, an Undo back to the
// original ends it quietly, a reload from disk or any other edit ends it and keeps that text.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EditSession, RegionTracker, minimalReplacement, type RegionView, type SessionPhase, type TextChange } from '../../core/edit/index';

export type EndReason = 'accepted' | 'rejected' | 'undone' | 'cancelled' | 'failed' | 'conflict' | 'external' | 'closed' | 'unchanged';

/** Each edit of ours is its own undo step: one Undo takes back exactly one thing we did. */
const OWN_STEP = { undoStopBefore: true, undoStopAfter: true };
/** A stale edit (someone else's change got in first) is sent again on the new text, at most this often. */
const MAX_WRITE_ATTEMPTS = 3;

export interface LiveEditHooks {
  /** Something visible changed (text, phase, hunks, position): redraw decorations, lenses and context keys. */
  changed(live: LiveEdit): void;
  /** The review is about to show `text` in the region starting at `start`: keep it where a reload finds it. */
  persist(live: LiveEdit, start: number, text: string): Promise<void>;
  ended(live: LiveEdit, reason: EndReason): void;
}

/** Test seams (dev builds only). */
export interface EditTestHooks {
  /** Runs right before each edit of ours is sent (synchronously: it can send a foreign edit to race ours). */
  beforeOwnEdit?: (doc: vscode.TextDocument, change: TextChange) => void;
  /** Runs after anything a test may wait for changed (progress, decisions, a session's end). */
  onEvent?: () => void;
}

export class LiveEdit {
  readonly abort = new AbortController();
  private readonly tracker: RegionTracker;
  private shown: SessionPhase;
  private chain: Promise<unknown> = Promise.resolve();
  private endReason: EndReason | null = null;
  private stopping = false;
  /** The user's typing in the region came after the last decision. */
  private typedLast = false;
  private resolveEnded!: (reason: EndReason) => void;
  /** Resolves once the session is over. */
  readonly whenEnded = new Promise<EndReason>((resolve) => (this.resolveEnded = resolve));

  constructor(
    readonly doc: vscode.TextDocument,
    start: number,
    end: number,
    readonly session: EditSession,
    private readonly hooks: LiveEditHooks,
    private readonly testHooks: EditTestHooks = {},
  ) {
    this.tracker = new RegionTracker(start, end);
    // A restored review is already in the document.
    this.shown = session.phase;
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

  get regionStart(): number {
    return this.tracker.start;
  }

  /** What the document shows now: the original until the review is written. */
  get view(): RegionView {
    return this.shown === 'review' ? this.session.view() : { text: this.session.originalText, inserted: [], removed: [], pending: [] };
  }

  get shownPhase(): SessionPhase {
    return this.shown;
  }

  /** The region's text as it is in the document now. */
  regionText(): string {
    return this.doc.getText(this.range(this.tracker.start, this.tracker.end));
  }

  /** After the stream (or for Apply Code): writes the whole proposal in one edit, or ends at once when there is no change. */
  async startReview(): Promise<void> {
    await this.enqueue(async () => {
      if (this.endReason) return;
      if (this.session.hunks.length === 0) return this.end('unchanged');
      if (!(await this.write(() => this.session.view().text))) return this.end('conflict');
      this.shown = 'review';
      this.hooks.changed(this);
    });
  }

  /** Accepts or rejects one hunk (or all, with index null); ends the session once every hunk is decided. */
  async decide(index: number | null, accept: boolean): Promise<void> {
    await this.enqueue(async () => {
      if (this.endReason || this.shown !== 'review') return;
      if (index === null) this.session.decideAll(accept);
      else if (!this.session.decide(index, accept)) return;
      this.typedLast = false;
      if (!(await this.write(() => this.session.view().text))) return this.end('conflict');
      if (this.session.allDecided) return this.end(this.session.anyAccepted ? 'accepted' : 'rejected');
      this.hooks.changed(this);
    });
  }

  /**
   * Undo / Redo of a decision (Ctrl+Z / Ctrl+Shift+Z while the review is open): the region shows
   * the decisions before (after) it, one edit, and the review goes on. False when there is no
   * decision to step through, or the user's typing came last (their own Undo then takes it back).
   */
  async stepDecision(back: boolean): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.endReason || this.shown !== 'review' || this.typedLast) return false;
      if (back && !this.session.canUndoDecision && this.session.canRedoDecision) {
        // Back before the first decision, once more: the original, as an Undo of the proposal would
        // give (the editor's own Undo would now take back our last decision edit instead).
        if (await this.write(() => this.session.originalText)) this.end('undone');
        else this.end('conflict');
        return true;
      }
      if (!(back ? this.session.undoDecision() : this.session.redoDecision())) return false;
      if (!(await this.write(() => this.session.view().text))) {
        this.end('conflict');
        return true;
      }
      this.hooks.changed(this);
      return true;
    });
  }

  /** Stops the request while streaming (Esc, Reject All, a failed request, its last tab closed): the document was never touched. */
  async cancel(reason: 'cancelled' | 'failed' | 'closed'): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.enqueue(async () => this.end(reason));
  }

  /** The document went away (its tab closed, the window reloads): let go; the review stays saved. */
  closed(): void {
    this.end('closed');
  }

  onDocumentChange(e: vscode.TextDocumentChangeEvent): void {
    if (this.endReason) return;
    const startBefore = this.tracker.start;
    const kind = this.tracker.onDocumentChange(e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })));
    if (kind === 'own') return;
    if (kind === 'outside') {
      // Lines above moved the region: redraw (and save its new place); changes below change nothing of ours.
      if (this.tracker.start !== startBefore) this.hooks.changed(this);
      return;
    }
    // Revert empties an untitled document: it is being thrown away.
    if (e.reason === undefined && this.uri.scheme === 'untitled' && e.document.getText() === '') return this.end('closed');
    if (e.reason === undefined && reloadedFromDisk(e.document)) return this.end('external');
    if (this.shown !== 'review' || this.tracker.busy) return this.end('conflict');
    if (this.regionText() === this.session.originalText) return this.end('undone');
    // Undo / Redo of a decision is not typing: the review ends and keeps the text.
    if (e.reason === undefined && this.takeLineEdit(e)) return this.hooks.changed(this);
    this.end('conflict');
  }

  /** Review: an edit within one line of the region is kept as part of the change (a new line edited is a new line accepted). */
  private takeLineEdit(e: vscode.TextDocumentChangeEvent): boolean {
    if (e.contentChanges.length !== 1) return false;
    const c = e.contentChanges[0];
    if (c.range.start.line !== c.range.end.line || /[\r\n]/.test(c.text)) return false;
    const line = c.range.start.line;
    if (!this.session.editLine(line - this.firstLine, e.document.lineAt(line).text)) return false;
    void this.hooks.persist(this, this.tracker.start, this.session.view().text);
    this.typedLast = true;
    return this.regionText() === this.session.view().text;
  }

  private end(reason: EndReason): void {
    if (this.endReason) return;
    this.endReason = reason;
    this.abort.abort();
    this.tracker.forget();
    this.hooks.ended(this, reason);
    this.resolveEnded(reason);
  }

  /**
   * Makes the region's text `target()` through the smallest single edit; true when the region then
   * holds exactly that text. The review is saved before the edit is sent, so a reload in between
   * finds it (and tells the two versions apart by content).
   */
  private async write(target: () => string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      if (this.endReason || this.doc.isClosed) return false;
      if (this.regionText() === target()) return true;
      await this.hooks.persist(this, this.tracker.start, target());
      if (this.endReason || this.doc.isClosed) return false;
      // From here to sending the edit nothing awaits: the edit is computed on the text it is sent for.
      const text = target();
      const r = minimalReplacement(this.regionText(), text);
      if (r.deleteLength === 0 && r.insert === '') return true;
      const at = this.tracker.start + r.offset;
      const change = { offset: at, length: r.deleteLength, text: r.insert };
      const range = this.range(at, at + r.deleteLength);
      const versionBefore = this.doc.version;
      this.tracker.expect(change);
      if (__TEST_HOOKS__) this.testHooks.beforeOwnEdit?.(this.doc, change);
      const applied = await replace(this.doc, range, r.insert);
      if (!applied) {
        // Someone else's change got in first (the edit was for an older version): try again on the current text.
        this.tracker.forget(change);
        continue;
      }
      await this.ownChangeSeen(change, versionBefore);
      return !this.endReason && this.regionText() === text;
    }
    return false;
  }

  /** Our change event comes before the editor's answer; should it come after, wait for it (event-driven, no timer). */
  private async ownChangeSeen(change: TextChange, versionBefore: number): Promise<void> {
    if (!this.tracker.busy) return;
    // Events arrived but none was our edit as sent: it was reported differently; the content check decides.
    if (this.doc.version > versionBefore) return this.tracker.forget(change);
    await this.tracker.whenSettled();
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

/**
 * A change nobody typed or undid that leaves the document equal to the file on disk: VS Code
 * reloaded it after a change on disk (git checkout, a formatter run outside). Read synchronously,
 * so the verdict belongs to this change event; only for changes inside a pending region.
 */
function reloadedFromDisk(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file') return false;
  try {
    return readFileSync(doc.uri.fsPath, 'utf8') === doc.getText();
  } catch {
    return false;
  }
}

/** Edits through a visible editor (its undo stack), else through a workspace edit; both are refused when the document moved on. */
async function replace(doc: vscode.TextDocument, range: vscode.Range, text: string): Promise<boolean> {
  if (doc.isClosed) return false;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (editor) {
    try {
      return await editor.edit((b) => b.replace(range, text), OWN_STEP);
    } catch {
      // The editor closed in the meantime: fall through to a workspace edit.
    }
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  try {
    return await vscode.workspace.applyEdit(edit);
  } catch {
    return false;
  }
}
