// CodeLens over pending inline diffs: "Accept All | Reject All" at the top of the region,
// "Accept | Reject" on each hunk, and "Cancel" while the change is still streaming.
import * as vscode from 'vscode';
import type { PendingHunkView, SessionPhase } from '../../core/edit/index';

export interface LensSource {
  uri: vscode.Uri;
  phase: SessionPhase;
  /** Document line where the region starts. */
  firstLine: number;
  pending: readonly PendingHunkView[];
}

export class EditCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly sourceFor: (doc: vscode.TextDocument) => LensSource | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const source = this.sourceFor(doc);
    if (!source) return [];
    const uri = source.uri.toString();
    const at = (line: number) => new vscode.Range(line, 0, line, 0);
    const top = at(Math.min(source.firstLine, doc.lineCount - 1));
    if (source.phase === 'streaming') {
      return [new vscode.CodeLens(top, { title: '$(loading~spin) Generating… Cancel (Esc)', command: 'relayAssistant.cancelEdit', arguments: [uri] })];
    }
    const lenses = [
      new vscode.CodeLens(top, { title: 'Accept All', command: 'relayAssistant.acceptAllEdits', arguments: [uri] }),
      new vscode.CodeLens(top, { title: 'Reject All', command: 'relayAssistant.rejectAllEdits', arguments: [uri] }),
    ];
    for (const hunk of source.pending) {
      const line = at(Math.min(source.firstLine + hunk.start, doc.lineCount - 1));
      lenses.push(
        new vscode.CodeLens(line, { title: 'Accept', command: 'relayAssistant.acceptHunk', arguments: [uri, hunk.index] }),
        new vscode.CodeLens(line, { title: 'Reject', command: 'relayAssistant.rejectHunk', arguments: [uri, hunk.index] }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
