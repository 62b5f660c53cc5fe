// The streamed proposal as a read-only document (never the user's file): "Show Proposal"
// opens it in a diff editor against the file while the answer streams, and it follows the stream.
import * as vscode from 'vscode';

const SCHEME = 'relay-assistant-proposal';

export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);

  /** The proposal document's uri for a file. */
  uriFor(file: vscode.Uri): vscode.Uri {
    return vscode.Uri.from({ scheme: SCHEME, path: file.path, query: file.toString() });
  }

  /** The whole file as it would read with the proposal so far. */
  update(file: vscode.Uri, text: string): void {
    const uri = this.uriFor(file);
    if (this.texts.get(uri.toString()) === text) return;
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  forget(file: vscode.Uri): void {
    this.texts.delete(this.uriFor(file).toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
