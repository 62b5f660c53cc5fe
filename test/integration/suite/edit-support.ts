// Helpers shared by the edit suites: the test-state command, waiting for the edit feature
// (event-driven: re-checked on every change the feature reports, never on a timer), CodeLens
// clicks, and answering the next chat requests from the simulator.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EDIT_TEST_STATE_COMMAND } from '../../../src/features/edit/index';
import type { EditSnapshot } from '../../../src/features/edit/controller';
import type { EditTestHooks } from '../../../src/features/edit/liveEdit';
import type { Scenario, Simulator } from '../../support/simulator';
import { errorScenario, modelList } from '../../support/sse';

export function snapshot(): Promise<EditSnapshot> {
  return vscode.commands.executeCommand<EditSnapshot>(EDIT_TEST_STATE_COMMAND) as Promise<EditSnapshot>;
}

const waiters = new Set<() => void>();

/** Installs the test hooks (onEvent always wakes `until`); call with {} to clear beforeOwnEdit. */
export async function setHooks(hooks: Pick<EditTestHooks, 'beforeOwnEdit'>): Promise<void> {
  await vscode.extensions.getExtension('relay-assistant.relay-assistant')?.activate();
  await vscode.commands.executeCommand(EDIT_TEST_STATE_COMMAND, { hooks: { ...hooks, onEvent: () => waiters.forEach((w) => w()) } });
}

/** Resolves with the snapshot once `test` holds (checked now, on every edit-feature event and every document change). */
export function until(test: (s: EditSnapshot) => boolean, what: string): Promise<EditSnapshot> {
  return new Promise((resolve, reject) => {
    let checking = false;
    let again = false;
    const sub = vscode.workspace.onDidChangeTextDocument(() => check());
    const done = (result: EditSnapshot | Error) => {
      waiters.delete(check);
      sub.dispose();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    async function check(): Promise<void> {
      if (checking) return void (again = true);
      checking = true;
      try {
        do {
          again = false;
          const s = await snapshot();
          if (test(s)) return done(s);
        } while (again);
      } catch (error) {
        done(new Error(`${what}: ${String(error)}`));
      } finally {
        checking = false;
      }
    }
    waiters.add(check);
    void check();
  });
}

let opened = 0;

/**
 * A new untitled document with `content`, shown. Each gets a name of its own: VS Code reuses
 * "Untitled-N" as soon as the previous one is closed, and the extension host may still hold the
 * closed document under that name for a moment (a test would then read a stale document).
 */
export async function open(content: string, language = 'javascript'): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/edit-test-${process.pid}-${++opened}` });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const edit = new vscode.WorkspaceEdit();
  const eol = content.includes('\r\n') ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
  edit.set(uri, [vscode.TextEdit.setEndOfLine(eol), vscode.TextEdit.insert(new vscode.Position(0, 0), content)]);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.equal(doc.getText(), content);
  return { doc, editor: await vscode.window.showTextDocument(doc, { preview: false }) };
}

export function selectLines(editor: vscode.TextEditor, first: number, last: number): void {
  editor.selection = new vscode.Selection(first, 0, last, editor.document.lineAt(last).text.length);
}

export function refactor(instruction = 'Use let and make the result a number'): Thenable<string | undefined> {
  return vscode.commands.executeCommand<string>('relayAssistant.refactorSelection', { instruction });
}

export async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
}

/** Runs the CodeLens command titled `title` on the line of hunk `index` (what a click does). */
export async function clickLens(doc: vscode.TextDocument, title: string, hunkIndex?: number): Promise<unknown> {
  const all = await lenses(doc);
  const lens = all.find((l) => l.command?.title === title && (hunkIndex === undefined || l.command.arguments?.[1] === hunkIndex));
  assert.ok(lens?.command, `no "${title}" lens (found: ${all.map((l) => l.command?.title).join(', ')})`);
  return vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

export async function closeAll(): Promise<void> {
  while (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export async function assertNothingLeft(): Promise<void> {
  const { sessions, decorated } = await snapshot();
  assert.deepEqual({ sessions, decorated }, { sessions: [], decorated: [] });
}

export async function lastEnd(): Promise<string | undefined> {
  return (await snapshot()).recentEnds.at(-1);
}

/** Resolves once the session of `doc` has received at least `lines` lines of the proposal. */
export function received(doc: vscode.TextDocument, lines: number): Promise<EditSnapshot> {
  return until((s) => s.sessions.some((x) => x.uri === doc.uri.toString() && x.received >= lines), `${lines} streamed lines`);
}

export type Answer = Scenario | (() => Promise<Scenario>);

/**
 * Answers the next chat requests with these scenarios, in order (GET /models, which the chat
 * may send at any time, always gets a model list and never takes one of them).
 */
export function serveChats(sim: Simulator, ...answers: Answer[]): void {
  const queue = [...answers];
  sim.setResponder(async (req) => {
    if (req.method === 'GET') return { body: modelList() };
    const next = queue.shift();
    if (!next) return errorScenario(500, { message: 'the test expected no further request', type: 'server_error' });
    return typeof next === 'function' ? next() : next;
  });
}

/** An answer whose headers wait until `release()` (the request stays in flight until then); `requested` resolves when it arrives. */
export function gated(scenario: Scenario): { answer: Answer; release: () => void; requested: Promise<void> } {
  let release!: () => void;
  let markRequested!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const requested = new Promise<void>((r) => (markRequested = r));
  const answer = async () => {
    markRequested();
    await gate;
    return scenario;
  };
  return { answer, release, requested };
}
