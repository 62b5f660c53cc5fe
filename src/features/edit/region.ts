// From an editor selection to the whole-line region an edit works on, and to the location
// the prompts describe.
import * as vscode from 'vscode';
import { detectIndentStyle, toLines, type CodeLocation, type Eol, type IndentStyle } from '../../core/edit/index';

/** Whole lines, with the last line's line break when there is one. */
export interface LineRegion {
  start: number;
  end: number;
  firstLine: number;
  lastLine: number;
  text: string;
}

/** The lines `range` touches; a range ending at column 0 of a later line does not include that line. */
export function wholeLines(doc: vscode.TextDocument, range: vscode.Range): LineRegion {
  const firstLine = range.start.line;
  const lastLine = range.end.character === 0 && range.end.line > firstLine ? range.end.line - 1 : range.end.line;
  const start = doc.offsetAt(new vscode.Position(firstLine, 0));
  const end = lastLine + 1 < doc.lineCount ? doc.offsetAt(new vscode.Position(lastLine + 1, 0)) : doc.getText().length;
  return { start, end, firstLine, lastLine, text: doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(end))) };
}

export function wholeDocument(doc: vscode.TextDocument): LineRegion {
  const last = doc.lineCount - 1;
  return wholeLines(doc, new vscode.Range(0, 0, last, doc.lineAt(last).text.length));
}

export function eolOf(doc: vscode.TextDocument): Eol {
  return doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/** The region's own tabs-or-spaces style, else the editor's options. */
export function indentStyleFor(region: LineRegion, editor: vscode.TextEditor | undefined): IndentStyle {
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 4;
  const insertSpaces = editor?.options.insertSpaces !== false;
  return detectIndentStyle(toLines(region.text).lines, { useTabs: !insertSpaces, tabSize: Math.max(1, tabSize) });
}

export function locationOf(doc: vscode.TextDocument, region: LineRegion): CodeLocation {
  return {
    relativePath: vscode.workspace.asRelativePath(doc.uri, false),
    languageId: doc.languageId,
    startLine: region.firstLine + 1,
    endLine: region.lastLine + 1,
    code: toLines(region.text).lines.join('\n'),
  };
}

/** Up to `count` lines before and after the region, for context. */
export function surroundingLines(doc: vscode.TextDocument, region: LineRegion, count: number): { before: string; after: string } {
  const lines = (from: number, to: number) => {
    const out: string[] = [];
    for (let i = Math.max(0, from); i <= Math.min(doc.lineCount - 1, to); i++) out.push(doc.lineAt(i).text);
    return out.join('\n');
  };
  return { before: lines(region.firstLine - count, region.firstLine - 1), after: lines(region.lastLine + 1, region.lastLine + count) };
}

/** Lines `first..last` (0-based, inclusive) as a region. */
export function linesRegion(doc: vscode.TextDocument, first: number, last: number): LineRegion {
  return wholeLines(doc, new vscode.Range(first, 0, last, doc.lineAt(last).text.length));
}
