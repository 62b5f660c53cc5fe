// Snippet sources for the prompt: other visible editors and the ranges edited recently, only from
// documents the gate lets send.
import * as vscode from 'vscode';
import type { SnippetSource } from '../../core/complete/snippets';
import type { Gate } from './gate';

const MAX_RECENT = 8;
const AROUND = 6;
const MAX_SOURCE_CHARS = 20_000;

export class SnippetSources implements vscode.Disposable {
  private readonly recent: { uri: string; line: number }[] = [];
  private readonly sub: vscode.Disposable;

  constructor(private readonly gate: Gate) {
    this.sub = vscode.workspace.onDidChangeTextDocument((e) => {
      const change = e.contentChanges[0];
      if (!change || !gate.sendable(e.document)) return;
      const uri = e.document.uri.toString();
      const line = change.range.start.line;
      const i = this.recent.findIndex((r) => r.uri === uri && Math.abs(r.line - line) <= AROUND);
      if (i !== -1) this.recent.splice(i, 1);
      this.recent.push({ uri, line });
      if (this.recent.length > MAX_RECENT) this.recent.shift();
    });
  }

  /** Sources for a completion in `doc`: other visible editors, then recent edits (this file's included). */
  for(doc: vscode.TextDocument): SnippetSource[] {
    const out: SnippetSource[] = [];
    for (const e of vscode.window.visibleTextEditors) {
      const d = e.document;
      if (d === doc || !this.gate.knownSendable(d)) continue;
      out.push({ path: vscode.workspace.asRelativePath(d.uri), text: d.getText().slice(0, MAX_SOURCE_CHARS) });
    }
    const docs = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    for (const r of this.recent) {
      const d = docs.get(r.uri);
      if (!d || (d !== doc && !this.gate.knownSendable(d))) continue;
      const start = Math.max(0, r.line - AROUND);
      const end = Math.min(d.lineCount - 1, r.line + AROUND);
      out.push({ path: vscode.workspace.asRelativePath(d.uri), text: d.getText(new vscode.Range(start, 0, end, d.lineAt(end).text.length)), recent: true });
    }
    return out;
  }

  dispose(): void {
    this.sub.dispose();
  }
}
