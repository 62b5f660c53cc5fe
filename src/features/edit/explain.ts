// Explain Selection: builds the prompt and hands it to the chat, which streams the answer.
import * as vscode from 'vscode';
import { buildExplainPrompt } from '../../core/edit/index';
import { InternalCommands } from '../context';
import { locationOf, surroundingLines, wholeLines } from './region';

const CONTEXT_LINES = 5;

export async function explainSelection(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Relay Assistant: open a file and select the code to explain.');
    return;
  }
  const doc = editor.document;
  const region = wholeLines(doc, editor.selection);
  const selected = editor.selection.isEmpty ? region.text : doc.getText(editor.selection);
  const location = { ...locationOf(doc, region), code: selected.replace(/\r\n/g, '\n') };
  const { prompt, display } = buildExplainPrompt({ ...location, ...surroundingLines(doc, region, CONTEXT_LINES) });
  await vscode.commands.executeCommand(InternalCommands.askInChat, { prompt, display });
}
