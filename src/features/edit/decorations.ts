// The two decoration types of the inline diff (inserted / removed lines). One owner creates
// them and disposes them; it also remembers which editors carry ranges so nothing survives a session.
import * as vscode from 'vscode';
import type { LineSpan } from '../../core/edit/index';

export interface LineDecorations {
  /** Document line where the region starts. */
  firstLine: number;
  inserted: readonly LineSpan[];
  removed: readonly LineSpan[];
}

export class DiffDecorations implements vscode.Disposable {
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly removed = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    textDecoration: 'line-through',
    opacity: '0.75',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  /** Documents (uri strings) whose visible editors currently carry our ranges. */
  private readonly decorated = new Set<string>();

  /** Decorates every visible editor of `doc`. */
  show(doc: vscode.TextDocument, lines: LineDecorations): void {
    const editors = editorsOf(doc);
    if (editors.length === 0) return;
    const inserted = toRanges(doc, lines.firstLine, lines.inserted);
    const removed = toRanges(doc, lines.firstLine, lines.removed);
    for (const editor of editors) {
      editor.setDecorations(this.inserted, inserted);
      editor.setDecorations(this.removed, removed);
    }
    this.decorated.add(doc.uri.toString());
  }

  /** Removes our ranges from every visible editor of the document. */
  clear(uri: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri.toString()) continue;
      editor.setDecorations(this.inserted, []);
      editor.setDecorations(this.removed, []);
    }
    this.decorated.delete(uri.toString());
  }

  /** Uri strings of documents that still carry decorations (for tests and leak checks). */
  get decoratedDocuments(): string[] {
    return [...this.decorated];
  }

  dispose(): void {
    this.inserted.dispose();
    this.removed.dispose();
    this.decorated.clear();
  }
}

function editorsOf(doc: vscode.TextDocument): readonly vscode.TextEditor[] {
  return vscode.window.visibleTextEditors.filter((e) => e.document === doc);
}

function toRanges(doc: vscode.TextDocument, firstLine: number, spans: readonly LineSpan[]): vscode.Range[] {
  const last = doc.lineCount - 1;
  return spans.map((s) => {
    const from = Math.min(firstLine + s.start, last);
    const to = Math.min(firstLine + s.start + s.count - 1, last);
    return new vscode.Range(from, 0, to, doc.lineAt(to).text.length);
  });
}
