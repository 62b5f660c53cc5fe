// The editor side of the chat: context chips from the active editor, and code-block actions.
import * as vscode from 'vscode';
import { newId } from '../../core/chat/index';
import { languageForFence } from '../../core/chat/languages';
import type { CodeAction, ContextChip } from '../../protocol';
import { InternalCommands } from '../context';

/** Files longer than this are attached truncated. */
export const MAX_CHIP_CHARS = 100_000;

/** The editor the user last worked in (the chat view has focus while its buttons are clicked). */
export function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
}

/** The chip's text, cut to MAX_CHIP_CHARS (the chip then says to how much: `totalChars`). */
export function clip(text: string): { text: string; totalChars?: number } {
  return text.length > MAX_CHIP_CHARS ? { text: text.slice(0, MAX_CHIP_CHARS), totalChars: text.length } : { text };
}

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

/** A chip for a whole document. */
export function fileChip(doc: vscode.TextDocument): ContextChip {
  return { id: newId(), kind: 'file', path: relativePath(doc.uri), language: doc.languageId, ...clip(doc.getText()) };
}

/** A chip for the current selection (kind 'selection') or the whole active file ('file'); undefined without an editor. */
export function targetDocument(): vscode.TextDocument | undefined {
  return targetEditor()?.document;
}

export function chipFromEditor(kind: 'selection' | 'file'): ContextChip | undefined {
  const editor = targetEditor();
  if (!editor) return undefined;
  const doc = editor.document;
  if (kind === 'selection' && !editor.selection.isEmpty) {
    const sel = editor.selection;
    return { id: newId(), kind, path: relativePath(doc.uri), language: doc.languageId, ...clip(doc.getText(sel)), startLine: sel.start.line + 1, endLine: sel.end.line + 1 };
  }
  return fileChip(doc);
}

async function insertAtCursor(code: string): Promise<void> {
  const editor = targetEditor();
  if (!editor) return void vscode.window.showInformationMessage('Relay Assistant: open an editor to insert the code into.');
  await editor.edit((b) => editor.selections.forEach((s) => b.replace(s, code)));
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/** Apply: the edit feature decides where the block goes (the selection, the matching region, or a merge by the relay). */
async function applyCode(code: string): Promise<void> {
  const editor = targetEditor();
  if (!editor) return void vscode.window.showInformationMessage('Relay Assistant: open the file to apply the code to (select lines to replace just those).');
  const s = editor.selection;
  const range = s.isEmpty ? undefined : [s.start.line, s.start.character, s.end.line, s.end.character];
  await vscode.commands.executeCommand(InternalCommands.applyCode, { uri: editor.document.uri.toString(), range, code });
}

async function newFile(code: string, language: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: code, language: languageForFence(language, await vscode.languages.getLanguages()) });
  await vscode.window.showTextDocument(doc);
}

export async function runCodeAction(action: CodeAction, code: string, language: string): Promise<void> {
  switch (action) {
    case 'copy':
      return vscode.env.clipboard.writeText(code);
    case 'insert':
      return insertAtCursor(code);
    case 'apply':
      return applyCode(code);
    case 'newFile':
      return newFile(code, language);
  }
}

/** Opens an http(s) link in the browser; anything else is refused. */
export async function openLink(href: string): Promise<void> {
  const uri = vscode.Uri.parse(href, true);
  if (uri.scheme === 'http' || uri.scheme === 'https') await vscode.env.openExternal(uri);
}
