// Quick fixes for review findings: apply a finding's suggestion (replace its lines), or dismiss
// the finding for good (Dismiss finding…: a reason, recorded in .relay/review-suppressions.json).
import * as vscode from 'vscode';
import type { Finding } from '../../core/review/types';
import type { ReviewDiagnostics } from './diagnostics';
import { DISMISS_COMMAND } from './dismiss';

/** The edit that replaces lines line..endLine (without their final line break) with the suggestion. */
export function suggestionEdit(document: vscode.TextDocument, finding: Finding): vscode.WorkspaceEdit | null {
  if (finding.suggestion === undefined || document.lineCount === 0) return null;
  const first = Math.min(finding.line - 1, document.lineCount - 1);
  const last = Math.min((finding.endLine ?? finding.line) - 1, document.lineCount - 1);
  const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const text = finding.suggestion.replace(/\r?\n$/, '').replace(/\r?\n/g, eol);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, text);
  return edit;
}

export class ReviewQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ReviewDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const finding = this.diagnostics.findingOf(document.uri, d);
      if (!finding) continue;
      const edit = suggestionEdit(document, finding);
      if (edit) {
        const action = new vscode.CodeAction(`Apply suggestion: ${d.message}`, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      }
      const dismiss = new vscode.CodeAction('Dismiss finding…', vscode.CodeActionKind.QuickFix);
      dismiss.command = { command: DISMISS_COMMAND, title: 'Dismiss finding…', arguments: [document.uri, finding] };
      dismiss.diagnostics = [d];
      actions.push(dismiss);
    }
    return actions;
  }
}
