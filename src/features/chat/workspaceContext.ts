// Context from the workspace for `#` in the chat input: #file (fuzzy, open editors first),
// #selection, #problems (the active file or the workspace), #changes (git diff of the working
// tree) and #symbol (workspace symbols). Searches answer with item ids; the webview (untrusted)
// can only pick an id this host handed out, never name a path of its own.
import * as vscode from 'vscode';
import { fuzzyFilter } from '../../core/chat/fuzzy';
import { newId } from '../../core/chat/index';
import type { ContextChip, ContextItem, ContextKind } from '../../protocol';
import { chipFromEditor, clip, fileChip, relativePath, targetDocument } from './editor';

const MAX_RESULTS = 30;
const MAX_FILES = 5_000;
const FILE_LIST_TTL_MS = 10_000;
const MAX_PROBLEMS = 500;
const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

type Picked = { kind: 'file'; uri: vscode.Uri } | { kind: 'symbol'; uri: vscode.Uri; range: vscode.Range; name: string };

export class WorkspaceContext {
  private picks = new Map<string, Picked>();
  private files: { at: number; uris: Promise<vscode.Uri[]> } | undefined;

  /** `#file` / `#symbol` search results; earlier results stay pickable until the next search. */
  async search(kind: 'file' | 'symbol', query: string): Promise<ContextItem[]> {
    this.picks.clear();
    return kind === 'file' ? this.searchFiles(query) : this.searchSymbols(query);
  }

  /** A chip, or the sentence saying why there is none. */
  async chip(kind: ContextKind, pick?: string, scope?: 'file' | 'workspace'): Promise<ContextChip | string> {
    switch (kind) {
      case 'selection':
        return chipFromEditor('selection') ?? 'Open a file and select some code to attach it.';
      case 'file':
        return pick ? this.pickedFile(pick) : (chipFromEditor('file') ?? 'Open a file to attach it, or type #file to pick one.');
      case 'problems':
        return problemsChip(scope ?? 'file');
      case 'changes':
        return changesChip();
      case 'symbol':
        return pick ? this.pickedSymbol(pick) : 'Type #symbol and a name to pick a symbol.';
    }
  }

  private async pickedFile(pick: string): Promise<ContextChip | string> {
    const p = this.picks.get(pick);
    if (p?.kind !== 'file') return 'That file is no longer in the list: type #file again.';
    try {
      return fileChip(await vscode.workspace.openTextDocument(p.uri));
    } catch {
      return `${relativePath(p.uri)} cannot be attached (not a text file).`;
    }
  }

  private async pickedSymbol(pick: string): Promise<ContextChip | string> {
    const p = this.picks.get(pick);
    if (p?.kind !== 'symbol') return 'That symbol is no longer in the list: type #symbol again.';
    const doc = await vscode.workspace.openTextDocument(p.uri);
    const range = await fullRange(p.uri, p.range, p.name);
    const lines = new vscode.Range(range.start.line, 0, range.end.line, doc.lineAt(range.end.line).text.length);
    return { id: newId(), kind: 'symbol', title: p.name, path: relativePath(p.uri), language: doc.languageId, ...clip(doc.getText(lines)), startLine: range.start.line + 1, endLine: range.end.line + 1 };
  }

  private async searchFiles(query: string): Promise<ContextItem[]> {
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.input).filter((i): i is vscode.TabInputText => i instanceof vscode.TabInputText).map((i) => i.uri);
    const openKeys = new Set(open.map((u) => u.toString()));
    const all = [...open, ...(await this.workspaceFiles()).filter((u) => !openKeys.has(u.toString()))];
    const unique = [...new Map(all.map((u) => [u.toString(), u])).values()].filter((u) => u.scheme === 'file' || u.scheme === 'untitled' || u.scheme === 'vscode-remote');
    return fuzzyFilter(query, unique, relativePath, MAX_RESULTS).map((uri) => {
      const id = newId();
      this.picks.set(id, { kind: 'file', uri });
      const path = relativePath(uri);
      const slash = path.lastIndexOf('/');
      const detail = [slash > 0 ? path.slice(0, slash) : '', openKeys.has(uri.toString()) ? 'open editor' : ''].filter(Boolean).join(' · ');
      return { id, label: path.slice(slash + 1), detail };
    });
  }

  private workspaceFiles(): Promise<vscode.Uri[]> {
    if (!this.files || Date.now() - this.files.at > FILE_LIST_TTL_MS) {
      this.files = { at: Date.now(), uris: Promise.resolve(vscode.workspace.findFiles('**/*', undefined, MAX_FILES)).catch(() => []) };
    }
    return this.files.uris;
  }

  private async searchSymbols(query: string): Promise<ContextItem[]> {
    if (!query.trim()) return [];
    const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
    return found.slice(0, MAX_RESULTS).map((s) => {
      const id = newId();
      this.picks.set(id, { kind: 'symbol', uri: s.location.uri, range: s.location.range, name: s.name });
      const where = `${relativePath(s.location.uri)}:${s.location.range.start.line + 1}`;
      return { id, label: s.name, detail: s.containerName ? `${s.containerName} · ${where}` : where };
    });
  }
}

/** Workspace symbol ranges may cover only the name: the document symbol of that name gives the whole declaration. */
async function fullRange(uri: vscode.Uri, range: vscode.Range, name: string): Promise<vscode.Range> {
  if (range.start.line !== range.end.line) return range;
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri).then(undefined, () => undefined)) ?? [];
  const stack = [...symbols];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.name === name && s.range.contains(range)) return s.range;
    if (s.range.contains(range)) stack.push(...(s.children ?? []));
  }
  return range;
}

function problemsChip(scope: 'file' | 'workspace'): ContextChip | string {
  const doc = targetDocument();
  if (scope === 'file' && !doc) return 'Open a file to attach its problems, or pick “#problems in the workspace”.';
  const entries: [vscode.Uri, readonly vscode.Diagnostic[]][] = scope === 'file' && doc ? [[doc.uri, vscode.languages.getDiagnostics(doc.uri)]] : vscode.languages.getDiagnostics();
  const rows = entries.flatMap(([uri, ds]) => ds.map((d) => ({ uri, d }))).sort((a, b) => a.d.severity - b.d.severity);
  const where = scope === 'file' && doc ? relativePath(doc.uri) : 'the workspace';
  if (rows.length === 0) return `No problems in ${where}.`;
  const counts = SEVERITY.map((name, sev) => [name, rows.filter((r) => r.d.severity === sev).length] as const).filter(([, n]) => n > 0);
  const lines = rows.slice(0, MAX_PROBLEMS).map(({ uri, d }) => {
    const source = d.source ? ` [${d.source}${d.code !== undefined ? ` ${typeof d.code === 'object' ? d.code.value : d.code}` : ''}]` : '';
    return `${relativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]}: ${d.message.replace(/\s+/g, ' ')}${source}`;
  });
  if (rows.length > MAX_PROBLEMS) lines.push(`… and ${rows.length - MAX_PROBLEMS} more`);
  const summary = counts.map(([name, n]) => `${n} ${name}${n === 1 ? '' : 's'}`).join(', ');
  return { id: newId(), kind: 'problems', path: where, title: `Problems in ${where} (${summary})`, language: 'text', ...clip(lines.join('\n')) };
}

async function changesChip(): Promise<ContextChip | string> {
  if (!vscode.workspace.isTrusted) return 'The git changes are attached only in a trusted workspace.';
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) return 'Open a folder under git to attach its changes.';
  const { changesProblem, workingTreeDiff } = await import('../../core/chat/gitDiff');
  let diff: string;
  try {
    diff = await workingTreeDiff(folder.uri.fsPath);
  } catch (e) {
    return changesProblem(e, folder.name);
  }
  if (!diff.trim()) return `No uncommitted changes in ${folder.name}.`;
  const files = (diff.match(/^diff --git /gm) ?? []).length;
  return { id: newId(), kind: 'changes', path: folder.name, title: `Changes in ${folder.name} (${files} file${files === 1 ? '' : 's'})`, language: 'diff', ...clip(diff) };
}
