// The decorations of the inline diff. The document holds the proposal, so only the new lines
// are real lines (green); the original lines a hunk replaces are not in the text and are shown
// as a red marker on the hunk's first line: a line-through summary after the text and the whole
// original in the hover. One owner creates the decoration types and disposes them, and
// remembers which documents carry ranges so nothing survives a session.
import * as vscode from 'vscode';
import type { LineSpan, RemovedMarker } from '../../core/edit/index';

export interface LineDecorations {
  /** Document line where the region starts. */
  firstLine: number;
  languageId: string;
  inserted: readonly LineSpan[];
  removed: readonly RemovedMarker[];
  /** Streaming: the region's lines (the original, kept until the proposal is whole), and the lines received so far. */
  streaming?: { lines: LineSpan; received: number };
}

const SUMMARY_CHARS = 60;

export class DiffDecorations implements vscode.Disposable {
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly removedAbove = vscode.window.createTextEditorDecorationType(removedStyle('2px 0 0 0'));
  private readonly removedBelow = vscode.window.createTextEditorDecorationType(removedStyle('0 0 2px 0'));
  private readonly streaming = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.modifiedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  /** Documents (uri strings) whose visible editors currently carry our ranges. */
  private readonly decorated = new Set<string>();

  /** Decorates every visible editor of `doc`. */
  show(doc: vscode.TextDocument, lines: LineDecorations): void {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === doc);
    if (editors.length === 0) return;
    const inserted = lines.inserted.map((s) => lineRange(doc, lines.firstLine + s.start, s.count));
    const above = lines.removed.filter((m) => m.above).map((m) => removedOptions(doc, lines, m));
    const below = lines.removed.filter((m) => !m.above).map((m) => removedOptions(doc, lines, m));
    const streaming = lines.streaming ? [streamingOptions(doc, lines.firstLine, lines.streaming)] : [];
    for (const editor of editors) {
      editor.setDecorations(this.inserted, inserted);
      editor.setDecorations(this.removedAbove, above);
      editor.setDecorations(this.removedBelow, below);
      editor.setDecorations(this.streaming, streaming);
    }
    this.decorated.add(doc.uri.toString());
  }

  /** Removes our ranges from every visible editor of the document. */
  clear(uri: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri.toString()) continue;
      for (const type of [this.inserted, this.removedAbove, this.removedBelow, this.streaming]) editor.setDecorations(type, []);
    }
    this.decorated.delete(uri.toString());
  }

  /** Uri strings of documents that still carry decorations (for tests and leak checks). */
  get decoratedDocuments(): string[] {
    return [...this.decorated];
  }

  dispose(): void {
    for (const type of [this.inserted, this.removedAbove, this.removedBelow, this.streaming]) type.dispose();
    this.decorated.clear();
  }
}

function removedStyle(borderWidth: string): vscode.DecorationRenderOptions {
  return {
    isWholeLine: true,
    borderStyle: 'solid',
    borderWidth,
    borderColor: new vscode.ThemeColor('gitDecoration.deletedResourceForeground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    after: {
      color: new vscode.ThemeColor('gitDecoration.deletedResourceForeground'),
      textDecoration: 'line-through',
      margin: '0 0 0 2em',
    },
  };
}

function clampLine(doc: vscode.TextDocument, line: number): number {
  return Math.max(0, Math.min(line, doc.lineCount - 1));
}

function lineRange(doc: vscode.TextDocument, from: number, count: number): vscode.Range {
  const start = clampLine(doc, from);
  const end = clampLine(doc, from + Math.max(1, count) - 1);
  return new vscode.Range(start, 0, end, doc.lineAt(end).text.length);
}

function removedOptions(doc: vscode.TextDocument, lines: LineDecorations, marker: RemovedMarker): vscode.DecorationOptions {
  const first = marker.lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const summary = first.length > SUMMARY_CHARS ? `${first.slice(0, SUMMARY_CHARS)}…` : first;
  const count = marker.lines.length === 1 ? '1 line' : `${marker.lines.length} lines`;
  const hover = new vscode.MarkdownString(`**Replaces ${count}** (Reject puts them back):`);
  hover.appendCodeblock(marker.lines.join('\n'), lines.languageId);
  return {
    range: lineRange(doc, lines.firstLine + marker.line, 1),
    hoverMessage: hover,
    renderOptions: { after: { contentText: `− ${count}: ${summary}` } },
  };
}

function streamingOptions(doc: vscode.TextDocument, firstLine: number, s: { lines: LineSpan; received: number }): vscode.DecorationOptions {
  const range = lineRange(doc, firstLine + s.lines.start, s.lines.count);
  return { range, hoverMessage: `Relay Assistant is writing a replacement for these lines (${s.received} received). The file keeps them as they are until it is complete.` };
}
