// Owns every inline diff in progress (at most one per document), the decorations, the
// CodeLens and the context keys, and runs Refactor and Apply Code through them.
import * as vscode from 'vscode';
import { EditSession, buildRefactorMessages } from '../../core/edit/index';
import { isRelayError } from '../../core/relay/errors';
import { contextWindowOf, estimateTokens } from '../../core/relay/models';
import type { ChatMessage } from '../../core/relay/types';
import type { FeatureContext } from '../context';
import { EditCodeLenses, type LensSource } from './codeLens';
import { DiffDecorations } from './decorations';
import { LiveEdit, type EndReason } from './liveEdit';
import { eolOf, indentStyleFor, locationOf, wholeDocument, wholeLines, type LineRegion } from './region';

/** What a refactor / apply command ended with (returned to callers and tests). */
export type EditOutcome = EndReason | 'review' | 'busy' | 'no-editor' | 'too-long';

export interface EditSnapshot {
  sessions: { uri: string; phase: string; pending: number }[];
  decorated: string[];
  /** How the latest sessions ended, oldest first (at most 10). */
  recentEnds: EndReason[];
}

const RECENT_ENDS = 10;

export class EditController implements vscode.Disposable {
  private readonly sessions = new Map<string, LiveEdit>();
  private readonly decorations = new DiffDecorations();
  private readonly lenses = new EditCodeLenses((doc) => this.lensSource(doc));
  private readonly subs: vscode.Disposable[];
  private contextKeys = '';
  private readonly recentEnds: EndReason[] = [];

  constructor(private readonly ctx: FeatureContext) {
    this.subs = [
      this.decorations,
      this.lenses,
      vscode.languages.registerCodeLensProvider('*', this.lenses),
      vscode.workspace.onDidChangeTextDocument((e) => this.sessions.get(e.document.uri.toString())?.onDocumentChange(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.sessions.get(doc.uri.toString())?.closed()),
      vscode.workspace.onWillSaveTextDocument((e) => this.warnPendingSave(e.document)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.sessions.forEach((live) => this.showDecorations(live))),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKeys()),
    ];
  }

  /** Streams a rewrite of the whole lines under `range` and leaves it for review. */
  async refactor(doc: vscode.TextDocument, range: vscode.Range, instruction: string, editor?: vscode.TextEditor): Promise<EditOutcome> {
    const region = wholeLines(doc, range);
    const settings = this.ctx.settings();
    const messages = buildRefactorMessages({ ...locationOf(doc, region), instruction, extraSystemPrompt: settings.systemPrompt });
    if (!this.fitsModel(settings.model, messages)) return 'too-long';
    const live = this.begin(doc, region, editor);
    if (!live) return 'busy';
    const retry = () => void (doc.isClosed ? undefined : this.refactor(doc, range, instruction));
    try {
      const client = await this.ctx.relay();
      const result = await client.chat({
        model: settings.model,
        messages,
        stream: true,
        signal: live.abort.signal,
        onDelta: (delta) => {
          if (!delta.content) return;
          live.session.push(delta.content);
          live.requestRender();
        },
      });
      this.ctx.addCost(result.costUsd, result.model);
      if (live.stopped) return await live.whenEnded;
      live.session.finishReply(result.text);
      await live.startReview();
      return live.ended ?? 'review';
    } catch (error) {
      this.addPartialCost(error);
      if (live.stopped) return await live.whenEnded;
      await live.cancel('failed');
      this.ctx.showError(error, retry);
      return 'failed';
    }
  }

  /** The prompt (with the selection) must leave the model room to answer with the whole rewrite. */
  private fitsModel(model: string, messages: ChatMessage[]): boolean {
    const tokens = estimateTokens(messages.map((m) => m.content).join('\n'));
    const window = contextWindowOf(model, this.ctx.settings().models);
    // The answer repeats the selection, so the prompt may take at most about half the window.
    if (tokens <= window / 2) return true;
    void vscode.window
      .showWarningMessage(`Relay Assistant: the selection is too large to refactor with ${model} (about ${tokens.toLocaleString('en-US')} tokens with the prompt; its context window is ${window.toLocaleString('en-US')} and the answer needs as much room again). Select less, or choose a model with a larger window.`, 'Choose Model')
      .then((b) => b && vscode.commands.executeCommand('relayAssistant.chooseModel'));
    return false;
  }

  /** A cancelled or failed request was still billed for what it generated: count the client's estimate. */
  private addPartialCost(error: unknown): void {
    if (isRelayError(error) && error.partialText) this.ctx.addCost(error.costUsd, error.model);
  }

  /** Saving while a change is pending writes both versions of the lines: say so and offer to finish. */
  private warnPendingSave(doc: vscode.TextDocument): void {
    const live = this.sessions.get(doc.uri.toString());
    if (!live || live.stopped) return;
    const streaming = live.session.phase === 'streaming';
    const text = streaming
      ? 'Relay Assistant: this file was saved while a change is still streaming into it; the saved file holds both versions of those lines. Press Esc to cancel, or wait and Accept or Reject, then save again.'
      : 'Relay Assistant: this file was saved with a change still under review; the saved file holds both versions of those lines. Accept or Reject it, then save again.';
    const actions = streaming ? ['Cancel Change'] : ['Accept All', 'Reject All'];
    void vscode.window.showWarningMessage(text, ...actions).then((picked) => {
      if (picked === 'Accept All') void this.decideAll(doc.uri, true);
      else if (picked) void this.decideAll(doc.uri, false);
    });
  }

  /** Reviews `code` against the lines of `range` (else the selection, else the whole document). */
  async applyCode(uri: vscode.Uri, range: vscode.Range | undefined, code: string): Promise<EditOutcome> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const target = range ?? (editor.selection.isEmpty ? undefined : editor.selection);
    const live = this.begin(doc, target ? wholeLines(doc, target) : wholeDocument(doc), editor);
    if (!live) return 'busy';
    live.session.review(code);
    await live.startReview();
    return live.ended ?? 'review';
  }

  /** Accept All / Reject All (Reject All while streaming cancels and restores). */
  async decideAll(uri: unknown, accept: boolean): Promise<EditOutcome | undefined> {
    const live = this.target(uri);
    if (!live) return undefined;
    if (live.session.phase === 'streaming') {
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

  /** Esc: cancels a streaming change (restoring the original); during review it rejects everything. */
  cancel(uri: unknown): Promise<EditOutcome | undefined> {
    return this.decideAll(uri, false);
  }

  snapshot(): EditSnapshot {
    const sessions = [...this.sessions.values()].map((l) => ({ uri: l.uri.toString(), phase: l.shownPhase, pending: l.view.pending.length }));
    return { sessions, decorated: this.decorations.decoratedDocuments, recentEnds: [...this.recentEnds] };
  }

  dispose(): void {
    // Put the original text back in every pending file (best effort: the extension host may be going away).
    for (const live of this.sessions.values()) void live.cancel('cancelled').catch(() => undefined);
    this.sessions.clear();
    for (const s of this.subs.splice(0)) s.dispose();
  }

  private begin(doc: vscode.TextDocument, region: LineRegion, editor: vscode.TextEditor | undefined): LiveEdit | undefined {
    const key = doc.uri.toString();
    if (this.sessions.has(key)) {
      void vscode.window.showInformationMessage('Relay Assistant: a change is already pending in this file. Accept or reject it first.');
      return undefined;
    }
    const session = new EditSession(region.text, eolOf(doc), indentStyleFor(region, editor));
    const live = new LiveEdit(doc, region.start, region.end, session, {
      changed: (l) => this.changed(l),
      ended: (l, reason) => this.ended(l, reason),
    });
    this.sessions.set(key, live);
    // A selection over the region would make the next keystroke replace it: leave just a cursor at its start.
    if (editor && !editor.selection.isEmpty) editor.selection = new vscode.Selection(doc.positionAt(region.start), doc.positionAt(region.start));
    this.changed(live);
    return live;
  }

  private changed(live: LiveEdit): void {
    this.showDecorations(live);
    this.lenses.refresh();
    this.updateContextKeys();
  }

  private ended(live: LiveEdit, reason: EndReason): void {
    const key = live.uri.toString();
    if (this.sessions.get(key) === live) this.sessions.delete(key);
    this.recentEnds.push(reason);
    if (this.recentEnds.length > RECENT_ENDS) this.recentEnds.shift();
    this.decorations.clear(live.uri);
    this.lenses.refresh();
    this.updateContextKeys();
    if (reason === 'conflict') {
      void vscode.window.showWarningMessage(conflictMessage(live));
    } else if (reason === 'unchanged') {
      void vscode.window.showInformationMessage('Relay Assistant: the model suggested no changes.');
    }
  }

  private showDecorations(live: LiveEdit): void {
    if (live.ended || live.doc.isClosed) return;
    const view = live.view;
    this.decorations.show(live.doc, { firstLine: live.firstLine, inserted: view.inserted, removed: view.removed });
  }

  private lensSource(doc: vscode.TextDocument): LensSource | undefined {
    const live = this.sessions.get(doc.uri.toString());
    if (!live || live.ended) return undefined;
    return { uri: live.uri, phase: live.shownPhase, firstLine: live.firstLine, pending: live.view.pending };
  }

  private target(uri: unknown): LiveEdit | undefined {
    const key = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    return key === undefined ? undefined : this.sessions.get(key);
  }

  private updateContextKeys(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const live = active === undefined ? undefined : this.sessions.get(active);
    const pending = live !== undefined;
    const streaming = live !== undefined && live.session.phase === 'streaming' && !live.stopped;
    const keys = `${pending}/${streaming}`;
    if (keys === this.contextKeys) return;
    this.contextKeys = keys;
    void vscode.commands.executeCommand('setContext', 'relayAssistant.editPending', pending);
    void vscode.commands.executeCommand('setContext', 'relayAssistant.editStreaming', streaming);
  }
}

function conflictMessage(live: LiveEdit): string {
  const stopped = 'Relay Assistant: the change was stopped because lines it was replacing were edited. Your edit was kept';
  if (!live.leftovers) return `${stopped}.`;
  if (live.shownPhase === 'review') return `${stopped}; the old and the new lines are both still in the file.`;
  return `${stopped}; the lines written so far are still in the file.`;
}
