// Where inline completions may ask: enabled and not snoozed, a language switched on (unless invoked),
// never in the SCM input box or other non-file editors, never in files the review would never send
// (.env, key files, files git ignores), not while a Refactor review is pending in the document, and
// mid-line only before closing brackets, quotes and punctuation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { languageEnabled } from '../../core/complete/languages';
import { midLineAllowed } from '../../core/complete/shape';
import type { RelaySettings } from '../../core/config';
import { git } from '../../core/review/git';
import { secretReason } from '../../core/review/skipRules';
import { InternalCommands } from '../context';

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata', 'vscode-vfs']);

export class Gate {
  private readonly ignored = new Map<string, Promise<boolean>>();
  /** Files git is known not to ignore. */
  private readonly settledFalse = new Set<string>();
  /** Snoozed until this time (ms since epoch). */
  snoozedUntil = 0;

  /** A document whose text may be sent at all (the same rules for snippets from other editors). */
  sendable(doc: vscode.TextDocument): boolean {
    if (!SCHEMES.has(doc.uri.scheme) || doc.languageId === 'scminput') return false;
    return secretReason(vscode.workspace.asRelativePath(doc.uri, false).replace(/\\/g, '/')) === null;
  }

  /** Whether git ignores the file (asked once per file; false outside git). */
  gitIgnored(doc: vscode.TextDocument): Promise<boolean> {
    if (doc.uri.scheme !== 'file') return Promise.resolve(false);
    const key = doc.uri.fsPath;
    let p = this.ignored.get(key);
    if (!p) {
      p = git(path.dirname(key), ['check-ignore', '-q', '--', key]).then(
        () => true,
        () => {
          this.settledFalse.add(key);
          return false;
        },
      );
      this.ignored.set(key, p);
    }
    return p;
  }

  /** Known not to be ignored (for snippets: never wait, never guess). */
  knownSendable(doc: vscode.TextDocument): boolean {
    if (!this.sendable(doc)) return false;
    if (doc.uri.scheme !== 'file') return true;
    void this.gitIgnored(doc);
    return this.settledFalse.has(doc.uri.fsPath);
  }

  /** Why no completion is asked for here, or null when one may be. */
  async refusal(doc: vscode.TextDocument, pos: vscode.Position, invoked: boolean, s: RelaySettings): Promise<string | null> {
    if (!s['completions.enabled']) return 'disabled';
    if (!invoked && Date.now() < this.snoozedUntil) return 'snoozed';
    if (!invoked && !languageEnabled(s['completions.languages'], doc.languageId)) return 'language';
    if (!this.sendable(doc)) return 'not sendable';
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === doc && editor.selections.length > 1) return 'multi-cursor';
    if (!midLineAllowed(doc.lineAt(pos.line).text.slice(pos.character))) return 'mid-line';
    if (await this.gitIgnored(doc)) return 'git-ignored';
    if (await vscode.commands.executeCommand<boolean>(InternalCommands.editPending, doc.uri.toString())) return 'review pending';
    return null;
  }
}
