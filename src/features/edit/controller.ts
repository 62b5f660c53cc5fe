// Owns every inline diff in progress (at most one per document), the decorations, the
// CodeLens, the proposal documents, the saved reviews and the context keys, and runs Refactor
// and Apply Code through them. What it writes into a document is always a whole version.
import * as vscode from 'vscode';
import { EditSession, buildApplyMessages, buildRefactorMessages, hasLazyMarker, mergeRefusal, stripFences, toLines } from '../../core/edit/index';
import { isRelayError } from '../../core/relay/errors';
import type { ChatMessage } from '../../core/relay/types';
import { modelOverridesOf, type FeatureContext } from '../context';
import { resolveApply } from './apply';
import { EditCodeLenses, type LensSource } from './codeLens';
import { DiffDecorations } from './decorations';
import { LiveEdit, type EditTestHooks, type EndReason } from './liveEdit';
import { cancelledLine, endMessage, fitsModel } from './messages';
import { ProposalDocuments } from './proposal';
import { eolOf, indentStyleFor, locationOf, wholeDocument, wholeLines, type LineRegion } from './region';
import { ReviewStore, keepsReviews, locate } from './store';

/** What a refactor / apply command ended with (returned to callers and tests). */
export type EditOutcome = EndReason | 'review' | 'busy' | 'no-editor' | 'too-long';

export interface EditSnapshot {
  sessions: { uri: string; phase: string; pending: number; received: number }[];
  decorated: string[];
  /** How the latest sessions ended, oldest first (at most 10). */
  recentEnds: EndReason[];
  /** Uris of the reviews kept for when their file is opened again. */
  saved: string[];
  /** The last status-bar line the feature showed ('' for none). */
  notice: string;
}

const RECENT_ENDS = 10;
/** How long a status-bar line stays. */
const NOTICE_MS = 10_000;

interface StreamJob {
  /** "Refactor", "Apply": the words of messages about it. */
  what: string;
  messages: ChatMessage[];
  retry: () => void;
  boundedOutput?: boolean;
  /** Why the whole answer (fences stripped) must not be reviewed, or null / undefined when it may. */
  check?: (code: string) => string | null | undefined;
}

export class EditController implements vscode.Disposable {
  private readonly sessions = new Map<string, LiveEdit>();
  private readonly decorations = new DiffDecorations();
  private readonly lenses = new EditCodeLenses((doc) => this.lensSource(doc));
  private readonly proposals = new ProposalDocuments();
  private readonly store: ReviewStore;
  private readonly received = new Map<LiveEdit, number>();
  private readonly subs: vscode.Disposable[];
  private contextKeys = '';
  private readonly recentEnds: EndReason[] = [];
  /** What each streaming change is (Refactor / Apply), for the lens and the messages. */
  private readonly jobs = new Map<LiveEdit, string>();
  /** The last status-bar line (tests read it through the snapshot). */
  private lastNotice = '';
  private statusLine: vscode.Disposable | undefined;
  /** Test seam (dev builds only, set through the test-state command). */
  readonly testHooks: EditTestHooks = {};

  constructor(private readonly ctx: FeatureContext) {
    this.store = new ReviewStore(ctx.extension.workspaceState);
    this.subs = [
      this.decorations,
      this.lenses,
      this.proposals,
      vscode.languages.registerCodeLensProvider('*', this.lenses),
      // By document object, not just by name: an untitled name is reused once its document is gone.
      vscode.workspace.onDidChangeTextDocument((e) => this.sessionOf(e.document)?.onDocumentChange(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.sessionOf(doc)?.closed()),
      vscode.workspace.onDidOpenTextDocument((doc) => this.restore(doc)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.sessions.forEach((live) => this.showDecorations(live))),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKeys()),
      vscode.window.tabGroups.onDidChangeTabs((e) => e.closed.length > 0 && this.stopUnshown()),
    ];
    for (const doc of vscode.workspace.textDocuments) this.restore(doc);
  }

  /** Streams a rewrite of the whole lines under `range` and leaves it for review. */
  async refactor(doc: vscode.TextDocument, range: vscode.Range, instruction: string, editor?: vscode.TextEditor): Promise<EditOutcome> {
    const region = wholeLines(doc, range);
    const settings = this.ctx.settings();
    const messages = buildRefactorMessages({ ...locationOf(doc, region), instruction, extraSystemPrompt: settings.systemPrompt });
    if (!fitsModel({ ...settings, models: modelOverridesOf(this.ctx) }, messages, 'selection', 'refactor')) return 'too-long';
    const retry = () => void (doc.isClosed ? undefined : this.refactor(doc, range, instruction));
    return this.stream(doc, region, editor, { what: 'Refactor', messages, retry });
  }

  /**
   * Apply from the chat: a range (else the editor's selection) is replaced; without one the block
   * goes to the region of the file it matches, or the relay merges it into the file (streamed,
   * then reviewed like a refactor). The target is decided here, at click time.
   */
  async applyCode(uri: vscode.Uri, range: vscode.Range | undefined, code: string): Promise<EditOutcome> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const target = resolveApply(doc, code, range ?? editor.selection);
    if (target.kind === 'merge') return this.merge(doc, code, editor);
    const live = this.begin(doc, target.region, editor);
    if (!live) return 'busy';
    live.session.review(code);
    await live.startReview();
    return live.ended ?? 'review';
  }

  /** The relay merges `code` into the whole file (a short prompt over the file, streamed, bounded); the answer is reviewed as usual. */
  private async merge(doc: vscode.TextDocument, code: string, editor: vscode.TextEditor): Promise<EditOutcome> {
    const region = wholeDocument(doc);
    const messages = buildApplyMessages({ relativePath: vscode.workspace.asRelativePath(doc.uri, false), languageId: doc.languageId, fileText: region.text, block: code });
    if (!fitsModel({ ...this.ctx.settings(), models: modelOverridesOf(this.ctx) }, messages, 'file', 'merge the code block into')) return 'too-long';
    const retry = () => void (doc.isClosed ? undefined : this.merge(doc, code, editor));
    const check = (merged: string) => mergeRefusal(region.text, merged, (lines) => hasLazyMarker(lines));
    return this.stream(doc, region, editor, { what: 'Apply', messages, retry, boundedOutput: true, check });
  }

  /** Streams the model's replacement for `region` (the file untouched meanwhile), then leaves it for review. */
  private async stream(doc: vscode.TextDocument, region: LineRegion, editor: vscode.TextEditor | undefined, job: StreamJob): Promise<EditOutcome> {
    const live = this.begin(doc, region, editor);
    if (!live) return 'busy';
    this.jobs.set(live, job.what);
    const settings = this.ctx.settings();
    try {
      const client = await this.ctx.relay();
      const result = await client.chat({
        model: settings.model,
        messages: job.messages,
        stream: true,
        boundedOutput: true,
        signal: live.abort.signal,
        onDelta: (delta) => {
          if (!delta.content || live.stopped) return;
          live.session.push(delta.content);
          this.progress(live);
        },
      });
      this.ctx.addCost(result.costUsd, result.model);
      if (live.stopped) return await live.whenEnded;
      const code = stripFences(result.text);
      const refusal = result.finishReason === 'length' ? 'the answer was cut off at the output limit' : job.check?.(code);
      if (refusal) {
        await live.cancel('failed');
        void vscode.window.showWarningMessage(`Relay Assistant: ${job.what} did not change the file: ${refusal}. Select the lines to replace and Apply again, or Retry.`, 'Retry').then((b) => b && job.retry());
        return 'failed';
      }
      live.session.review(code);
      await live.startReview();
      return live.ended ?? 'review';
    } catch (error) {
      const partial = this.addPartialCost(error);
      if (live.stopped) {
        const ended = await live.whenEnded;
        if (ended === 'cancelled') this.say(cancelledLine(job.what, { lines: toLines(live.session.preview()).lines.length, ...partial }));
        return ended;
      }
      await live.cancel('failed');
      this.ctx.showError(error, job.retry);
      return 'failed';
    } finally {
      this.jobs.delete(live);
    }
  }

  /** Accept All / Reject All (Reject All while streaming cancels: the file was never touched). */
  async decideAll(uri: unknown, accept: boolean): Promise<EditOutcome | undefined> {
    const live = this.target(uri);
    if (!live) return undefined;
    if (live.shownPhase === 'streaming') {
      if (accept) {
        void vscode.window.showInformationMessage('Relay Assistant: the change is still being generated. Wait for it to finish, or press Esc to cancel.');
        return undefined;
      }
      await live.cancel('cancelled');
    } else {
      await live.decide(null, accept);
    }
    return live.ended ?? 'review';
  }

  async decideHunk(uri: unknown, index: unknown, accept: boolean): Promise<EditOutcome | undefined> {
    const live = this.target(uri);
    if (!live || typeof index !== 'number') return undefined;
    await live.decide(index, accept);
    return live.ended ?? 'review';
  }

  /**
   * Ctrl+Z / Ctrl+Shift+Z while a review is open in the active editor: steps back (forth) through
   * the decisions and the review stays; with no decision to step through (or the user's typing
   * last) it is the editor's own Undo / Redo (an Undo before any decision restores the original).
   */
  async stepDecision(uri: unknown, back: boolean): Promise<EditOutcome | undefined> {
    const live = this.target(uri);
    if (live && (await live.stepDecision(back))) return live.ended ?? 'review';
    await vscode.commands.executeCommand(back ? 'undo' : 'redo');
    return live ? (live.ended ?? 'review') : undefined;
  }

  /** Esc: cancels a streaming change; during review it rejects everything. */
  cancel(uri: unknown): Promise<EditOutcome | undefined> {
    return this.decideAll(uri, false);
  }

  /** Opens the streamed proposal beside the file, as a diff against it (it follows the stream). */
  async showProposal(uri: unknown): Promise<void> {
    const live = this.target(uri);
    if (!live || live.shownPhase !== 'streaming') return;
    this.updateProposal(live);
    const name = live.uri.path.split('/').pop() ?? 'file';
    await vscode.commands.executeCommand('vscode.diff', live.uri, this.proposals.uriFor(live.uri), `${name} ↔ Proposal (streaming)`, {
      preview: true,
      preserveFocus: true,
      viewColumn: vscode.ViewColumn.Beside,
    });
  }

  snapshot(): EditSnapshot {
    const sessions = [...this.sessions.values()].map((l) => ({ uri: l.uri.toString(), phase: l.shownPhase, pending: l.view.pending.length, received: this.received.get(l) ?? 0 }));
    const saved = vscode.workspace.textDocuments.map((d) => d.uri.toString()).concat([...this.sessions.keys()]);
    return { sessions, decorated: this.decorations.decoratedDocuments, recentEnds: [...this.recentEnds], notice: this.lastNotice, saved: [...new Set(saved)].filter((u) => this.store.get(u)) };
  }

  dispose(): void {
    // Streaming requests stop (their files were never touched); reviews stay saved for the next start.
    for (const live of this.sessions.values()) live.abort.abort();
    this.sessions.clear();
    for (const s of this.subs.splice(0)) s.dispose();
    this.statusLine?.dispose();
  }

  /** A change still streaming into a file whose last tab was closed stops (a review stays: it is in the file, and saved). */
  private stopUnshown(): void {
    const shown = new Set<string>();
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      if (tab.input instanceof vscode.TabInputText) shown.add(tab.input.uri.toString());
      else if (tab.input instanceof vscode.TabInputTextDiff) shown.add(tab.input.original.toString()).add(tab.input.modified.toString());
    }
    for (const live of this.sessions.values()) if (live.shownPhase === 'streaming' && !live.stopped && !shown.has(live.uri.toString())) void live.cancel('closed');
  }

  /** A cancelled or failed request was still billed for what it generated: count the client's estimate (returned for the message). */
  private addPartialCost(error: unknown): { costUsd: number | null; costEstimated: boolean } {
    if (!isRelayError(error) || !error.partialText) return { costUsd: 0, costEstimated: false };
    this.ctx.addCost(error.costUsd, error.model);
    return { costUsd: error.costUsd, costEstimated: true };
  }

  /** One line in the status bar (not a notification: nothing to do about it). */
  private say(text: string): void {
    this.lastNotice = text;
    this.statusLine?.dispose();
    this.statusLine = vscode.window.setStatusBarMessage(text, NOTICE_MS);
    if (__TEST_HOOKS__) this.testHooks.onEvent?.();
  }

  private begin(doc: vscode.TextDocument, region: LineRegion, editor: vscode.TextEditor | undefined): LiveEdit | undefined {
    const key = doc.uri.toString();
    if (this.sessions.has(key)) {
      void vscode.window.showInformationMessage('Relay Assistant: a change is already pending in this file. Accept or reject it first.');
      return undefined;
    }
    const session = new EditSession(region.text, eolOf(doc), indentStyleFor(region, editor));
    const live = this.track(doc, region.start, region.end, session);
    // A selection over the region would make the next keystroke replace it: leave just a cursor at its start.
    if (editor && !editor.selection.isEmpty) editor.selection = new vscode.Selection(doc.positionAt(region.start), doc.positionAt(region.start));
    // A preview tab would be replaced by the next file opened, which stops a streaming change: keep it open, as typing would.
    if (editor && editor === vscode.window.activeTextEditor) void vscode.commands.executeCommand('workbench.action.keepEditor');
    return live;
  }

  private track(doc: vscode.TextDocument, start: number, end: number, session: EditSession): LiveEdit {
    const live = new LiveEdit(
      doc,
      start,
      end,
      session,
      {
        changed: (l) => this.changed(l),
        persist: (l, at, text) => this.persist(l, at, text),
        ended: (l, reason) => this.ended(l, reason),
      },
      this.testHooks,
    );
    this.sessions.set(doc.uri.toString(), live);
    this.changed(live);
    return live;
  }

  /** A review saved when its document went away (tab closed, window reloaded) comes back when the file holds that text again. */
  private restore(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const saved = this.sessions.has(key) ? undefined : this.store.get(key);
    if (!saved) return;
    const session = EditSession.restore(saved.session, { useTabs: false, tabSize: 4 });
    const at = session.view().text === saved.text ? locate(doc.getText(), saved.start, saved.text) : undefined;
    if (at === undefined) {
      void this.store.remove(key);
      if (!doc.getText().includes(session.originalText)) {
        void vscode.window.showInformationMessage(`Relay Assistant: the change that was under review in ${vscode.workspace.asRelativePath(doc.uri)} was not picked up again because the file changed since; the file is as you left it.`);
      }
      return;
    }
    this.track(doc, at, at + saved.text.length, session);
  }

  private persist(live: LiveEdit, start: number, text: string): Promise<void> {
    if (!keepsReviews(live.uri) || live.ended) return Promise.resolve();
    return this.store.put({ uri: live.uri.toString(), start, text, session: live.session.save() });
  }

  /** Streaming: counts the proposal's lines; the lens, the decoration and an open proposal follow. */
  private progress(live: LiveEdit): void {
    const lines = toLines(live.session.preview()).lines.length;
    if (this.received.get(live) === lines) return;
    this.received.set(live, lines);
    this.updateProposal(live);
    this.changed(live, true);
  }

  private updateProposal(live: LiveEdit): void {
    const text = live.doc.getText();
    const start = live.regionStart;
    const region = live.regionText();
    this.proposals.update(live.uri, text.slice(0, start) + live.session.preview() + text.slice(start + region.length));
  }

  /** `streamed`: only more lines arrived (the lenses follow at a pace VS Code can paint). */
  private changed(live: LiveEdit, streamed = false): void {
    if (live.ended) return;
    this.showDecorations(live);
    this.lenses.refresh(streamed);
    this.updateContextKeys();
    if (live.shownPhase === 'review') void this.persist(live, live.regionStart, live.regionText());
    if (__TEST_HOOKS__) this.testHooks.onEvent?.();
  }

  private ended(live: LiveEdit, reason: EndReason): void {
    const key = live.uri.toString();
    if (this.sessions.get(key) === live) this.sessions.delete(key);
    this.received.delete(live);
    this.proposals.forget(live.uri);
    if (reason !== 'closed' || !keepsReviews(live.uri)) void this.store.remove(key);
    this.recentEnds.push(reason);
    if (this.recentEnds.length > RECENT_ENDS) this.recentEnds.shift();
    this.decorations.clear(live.uri);
    this.lenses.refresh();
    this.updateContextKeys();
    const message = endMessage(live, reason);
    if (message) void (reason === 'unchanged' ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
    if (__TEST_HOOKS__) this.testHooks.onEvent?.();
  }

  private showDecorations(live: LiveEdit): void {
    if (live.ended || live.doc.isClosed) return;
    const view = live.view;
    const streaming = live.shownPhase === 'streaming' ? { lines: { start: 0, count: toLines(view.text).lines.length }, received: this.received.get(live) ?? 0 } : undefined;
    this.decorations.show(live.doc, { firstLine: live.firstLine, languageId: live.doc.languageId, inserted: view.inserted, removed: view.removed, streaming });
  }

  private lensSource(doc: vscode.TextDocument): LensSource | undefined {
    const live = this.sessions.get(doc.uri.toString());
    if (!live || live.ended) return undefined;
    const view = live.view;
    return { uri: live.uri, phase: live.shownPhase, firstLine: live.firstLine, lineCount: toLines(view.text).lines.length, pending: view.pending, received: this.received.get(live) ?? 0, merging: this.jobs.get(live) === 'Apply' };
  }

  /** A review (or a streaming Refactor) is pending in this document (uri string). */
  isPending(uri: unknown): boolean {
    return typeof uri === 'string' && this.sessions.has(uri);
  }

  private sessionOf(doc: vscode.TextDocument): LiveEdit | undefined {
    const live = this.sessions.get(doc.uri.toString());
    return live?.doc === doc ? live : undefined;
  }

  private target(uri: unknown): LiveEdit | undefined {
    const key = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    return key === undefined ? undefined : this.sessions.get(key);
  }

  private updateContextKeys(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const live = active === undefined ? undefined : this.sessions.get(active);
    const pending = live !== undefined;
    const streaming = live !== undefined && live.shownPhase === 'streaming' && !live.stopped;
    const reviewing = live !== undefined && live.shownPhase === 'review' && !live.ended;
    const keys = `${pending}/${streaming}/${reviewing}`;
    if (keys === this.contextKeys) return;
    this.contextKeys = keys;
    void vscode.commands.executeCommand('setContext', 'relayAssistant.editPending', pending);
    void vscode.commands.executeCommand('setContext', 'relayAssistant.editStreaming', streaming);
    void vscode.commands.executeCommand('setContext', 'relayAssistant.editReviewing', reviewing);
  }
}
