// CodeLens over pending inline diffs: "Accept All | Reject All" at the top of the region,
// "Accept | Reject" on each hunk, and progress with "Show Proposal | Cancel" while the change
// is still streaming (the file keeps its original lines until the proposal is whole).
import * as vscode from 'vscode';
import type { PendingHunkView, SessionPhase } from '../../core/edit/index';

export interface LensSource {
  uri: vscode.Uri;
  phase: SessionPhase;
  /** Document line where the region starts, and the region's line count. */
  firstLine: number;
  lineCount: number;
  pending: readonly PendingHunkView[];
  /** Streaming: lines of the proposal received so far. */
  received: number;
  /** Streaming: the relay is merging a code block into the whole file (Apply without a region). */
  merging?: boolean;
}

/**
 * VS Code re-asks for lenses a debounce delay after the LAST change event, and that delay grows
 * with how long the previous ask took (on a busy machine, seconds): an event per streamed line
 * restarts the delay every time, so nothing is painted until the stream ends. While streaming, a
 * new event is sent only once VS Code has asked for the lenses of the previous one (and at least
 * STREAMING_REFRESH_MS after it); if it never asks (the editor lost focus), after GIVE_UP_MS.
 */
export const SHOW_PROPOSAL_COMMAND = 'relayAssistant.internal.showProposal';

export const STREAMING_REFRESH_MS = 400;
const GIVE_UP_MS = 5_000;

export class EditCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly sourceFor: (doc: vscode.TextDocument) => LensSource | undefined) {}

  private lastFired = 0;
  /** An event was sent and VS Code has not asked for the lenses since. */
  private unanswered = false;
  /** A throttled refresh is owed once VS Code has asked. */
  private owed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Asks VS Code for new lenses now, or (`throttled`, while streaming) at a pace it can follow (see above). */
  refresh(throttled = false): void {
    if (!throttled) return this.fire();
    this.owed = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || !this.owed) return;
    const since = Date.now() - this.lastFired;
    const wait = this.unanswered ? GIVE_UP_MS - since : STREAMING_REFRESH_MS - since;
    if (wait <= 0) return this.fire();
    // Waiting for VS Code to ask: provideCodeLenses schedules again; the timer is the give-up.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.owed) this.fire();
    }, wait);
  }

  private fire(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.owed = false;
    this.unanswered = true;
    this.lastFired = Date.now();
    this.changed.fire();
  }

  /** VS Code asked: an owed refresh may go out (not before STREAMING_REFRESH_MS after the last one). */
  private answered(): void {
    if (!this.unanswered) return;
    this.unanswered = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    queueMicrotask(() => this.answered());
    const source = this.sourceFor(doc);
    if (!source) return [];
    const uri = source.uri.toString();
    const at = (line: number) => {
      const l = Math.max(0, Math.min(line, doc.lineCount - 1));
      return new vscode.Range(l, 0, l, 0);
    };
    const top = at(source.firstLine);
    if (source.phase === 'streaming') {
      const lines = source.received === 1 ? '1 line' : `${source.received} lines`;
      return [
        new vscode.CodeLens(top, { title: `$(loading~spin) ${source.merging ? 'Merging the code block into the whole file' : 'Generating'}… ${lines}`, command: SHOW_PROPOSAL_COMMAND, arguments: [uri] }),
        new vscode.CodeLens(top, { title: 'Show Proposal', command: SHOW_PROPOSAL_COMMAND, arguments: [uri] }),
        new vscode.CodeLens(top, { title: 'Cancel (Esc)', command: 'relayAssistant.cancelEdit', arguments: [uri] }),
      ];
    }
    const lenses = [
      new vscode.CodeLens(top, { title: 'Accept All', command: 'relayAssistant.acceptAllEdits', arguments: [uri] }),
      new vscode.CodeLens(top, { title: 'Reject All', command: 'relayAssistant.rejectAllEdits', arguments: [uri] }),
    ];
    for (const hunk of source.pending) {
      // A deletion at the very end of the region has no line of its own: its lens goes on the line above.
      const line = hunk.addedCount === 0 && hunk.start >= source.lineCount ? hunk.start - 1 : hunk.start;
      const range = at(source.firstLine + line);
      lenses.push(
        new vscode.CodeLens(range, { title: 'Accept', command: 'relayAssistant.acceptHunk', arguments: [uri, hunk.index] }),
        new vscode.CodeLens(range, { title: 'Reject', command: 'relayAssistant.rejectHunk', arguments: [uri, hunk.index] }),
      );
    }
    return lenses;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
