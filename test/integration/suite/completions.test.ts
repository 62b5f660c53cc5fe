// Inline completions in a real VS Code against the relay simulator (the demo relay's completions):
// typing shows ghost text, accepting inserts exactly it, typing through it sends nothing, Esc hides
// it, the language switch holds back automatic requests (Alt+\ still asks), no request from a .env
// file, secrets never reach the relay, and in Restricted Mode the workspace's relay gets nothing.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMPLETIONS_TEST_STATE_COMMAND } from '../../../src/features/completions/index';
import type { ProviderStats } from '../../../src/features/completions/provider';
import { demoCompletionScenario } from '../../support/demoCompletions';
import { startSimulator, type RecordedRequest, type Simulator } from '../../support/simulator';
import { fill } from '../../unit/secrets/corpus';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';

const UNTRUSTED_RUN = process.env.RELAY_TEST_UNTRUSTED === '1';
type Stats = ProviderStats & { requests: number; served: Record<string, number> };

const config = () => vscode.workspace.getConfiguration('relayAssistant');
const stats = async () => (await vscode.commands.executeCommand<Stats>(COMPLETIONS_TEST_STATE_COMMAND))!;

async function until(what: string, condition: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${JSON.stringify(await stats())}; editor text ${JSON.stringify(vscode.window.activeTextEditor?.document.getText() ?? null)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let opened = 0;
async function open(content: string, language = 'typescript', name = `completions-${process.pid}-${++opened}.ts`): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/${name}` });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  // Ghost text shows only in a focused editor.
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const end = doc.positionAt(content.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

const type = (text: string) => vscode.commands.executeCommand('type', { text });
const posts = (sim: Simulator): RecordedRequest[] => sim.requests.filter((r) => r.method === 'POST');

/** Types `text` and waits until the provider answered with a suggestion and has no call left open. */
async function typeUntilShown(text: string): Promise<void> {
  const before = (await stats()).shown;
  const doc = vscode.window.activeTextEditor?.document;
  const length = doc?.getText().length ?? 0;
  await type(text);
  // `type` goes to the focused editor only: a keystroke that went nowhere is not a provider's fault.
  await until('the keystrokes to reach the editor', () => doc?.getText().length === length + text.length, 5000);
  await until('a suggestion to be shown', async () => {
    const s = await stats();
    return s.shown > before && s.pending === 0;
  });
}

/** Accepts the suggestion and waits for the document to change (the editor renders the item a moment after the provider answers). */
async function commit(editor: vscode.TextEditor): Promise<string> {
  const before = editor.document.getText();
  await until('the suggestion to be inserted', async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    return editor.document.getText() !== before;
  }, 5000);
  return editor.document.getText();
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Makes the editor group's text editor ready for ghost text; both launches call it before their
 * first keystroke. VS Code creates an editor's inline-suggest contribution (the part that asks
 * providers when the user types) lazily, "Eventually": when the window is next idle, at the latest
 * 5 s after the editor widget is created. A keystroke before that asks no provider, and nothing asks
 * again once the contribution exists, so on a busy machine the first test's typing is lost (provider
 * calls: 0). `editor.action.inlineSuggest.trigger` creates the contribution at once; it runs here in
 * a scratch .env file, which the gate refuses even when invoked, so no relay sees a request. Our
 * provider being asked proves the contribution exists; the group keeps this editor widget (and its
 * contribution) for every document opened in it afterwards.
 */
async function readyEditor(): Promise<void> {
  await open('SCRATCH=1\n', 'plaintext', `ready-${process.pid}/.env`);
  const calls = (await stats()).calls;
  await until('VS Code to ask the inline provider', async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    return (await stats()).calls > calls;
  });
  await closeAll();
}

(UNTRUSTED_RUN ? describe.skip : describe)('completions: ghost text in the editor', function () {
  this.timeout(60_000);
  let relay: SimulatedRelay;
  let sim: Simulator;

  before(async () => {
    // Typing before activation would find no provider registered.
    await vscode.extensions.getExtension('relay-assistant.relay-assistant')?.activate();
    relay = await useSimulatedRelay({ maxRetries: 0, fallbackModels: [], 'completions.model': 'qwen2.5-coder:7b', 'completions.api': 'fim', 'completions.debounceMs': 75 });
    sim = relay.sim;
    await readyEditor();
  });
  after(async () => relay.restore());
  beforeEach(() => {
    sim.reset();
    sim.setResponder((req) => demoCompletionScenario(req) ?? { status: 404, body: {} });
  });
  afterEach(closeAll);

  it('typing shows ghost text; accepting inserts exactly it; the request carried prefix and suffix', async () => {
    const editor = await open('function f() {\n  \n}\n');
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    await typeUntilShown('const count = ');
    const [req] = posts(sim);
    assert.equal(req.path, '/v1/completions');
    assert.ok(String(req.body.prompt).endsWith('function f() {\n  const count = '));
    assert.equal(req.body.suffix, '\n}\n');
    assert.equal(await commit(editor), 'function f() {\n  const count = compute();\n}\n');
    assert.equal(posts(sim).length, 1);
  });

  it('typing through the suggestion sends nothing; Tab then inserts the rest', async () => {
    const editor = await open('');
    await typeUntilShown('const items = ');
    const sent = posts(sim).length;
    await typeUntilShown('comp');
    assert.equal(posts(sim).length, sent, 'a keystroke matching the suggestion sent a request');
    assert.equal(await commit(editor), 'const items = compute();');
  });

  it('Ctrl+Right accepts a word; Esc then hides the rest: accepting afterwards inserts nothing', async () => {
    const editor = await open('');
    await typeUntilShown('const width = ');
    // A word accepted proves the suggestion is on screen (the editor renders it a moment after the provider answers).
    await until('a word to be accepted', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.acceptNextWord');
      return editor.document.getText() !== 'const width = ';
    }, 5000);
    const partial = editor.document.getText();
    assert.ok(partial.startsWith('const width = comp') && partial.length < 'const width = compute();'.length, partial);
    await until('the provider to be idle', async () => (await stats()).pending === 0);
    const before = await stats();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    const after = await stats();
    assert.equal(editor.document.getText(), partial, `provider calls ${before.calls} -> ${after.calls}, shown ${before.shown} -> ${after.shown}`);
  });

  it('a language switched off sends nothing while typing; Alt+\\ (Invoke) still asks', async () => {
    await config().update('completions.languages', { '*': true, typescript: false }, vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await open('');
      const refused = (await stats()).refused.language ?? 0;
      await type('const total = ');
      await until('the provider to refuse the language', async () => ((await stats()).refused.language ?? 0) > refused);
      assert.equal(posts(sim).length, 0);
      const shown = (await stats()).shown;
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await until('the invoked suggestion', async () => (await stats()).shown > shown);
      assert.equal(posts(sim).length, 1);
      assert.equal(await commit(editor), 'const total = compute();');
    } finally {
      await config().update('completions.languages', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('no request mid-line before code, nor with several cursors', async () => {
    const before = await stats();
    const editor = await open('const a = f(x) + b;\nconst c = 1;\n');
    editor.selection = new vscode.Selection(0, 10, 0, 10);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await until('the provider to refuse mid-line', async () => ((await stats()).refused['mid-line'] ?? 0) > (before.refused['mid-line'] ?? 0));
    editor.selections = [new vscode.Selection(1, 12, 1, 12), new vscode.Selection(2, 0, 2, 0)];
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await until('the provider to refuse several cursors', async () => ((await stats()).refused['multi-cursor'] ?? 0) > (before.refused['multi-cursor'] ?? 0));
    assert.equal(posts(sim).length, 0);
  });

  it('no request from a .env file, even when asked explicitly', async () => {
    await open('API_URL=https://example.com\n', 'typescript', `env-${process.pid}/.env`);
    const refused = (await stats()).refused['not sendable'] ?? 0;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await until('the provider to refuse the file', async () => ((await stats()).refused['not sendable'] ?? 0) > refused);
    assert.equal(posts(sim).length, 0);
  });

  it('a secret in the file reaches the relay as a placeholder, never as itself', async () => {
    const key = 'AK' + 'IA' + fill(16, 61, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    const editor = await open(`const awsKey = "${key}";\n\n// end: "${key}"\n`);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await typeUntilShown('const height = ');
    const body = JSON.stringify(posts(sim).map((r) => r.body));
    assert.ok(!body.includes(key), 'the secret reached the relay');
    assert.ok(body.includes('[REDACTED_'), 'the placeholder is missing');
  });
});

(UNTRUSTED_RUN ? describe : describe.skip)('completions: trust: untrusted workspace', function () {
  this.timeout(60_000);
  let userRelay: Simulator;
  let workspaceRelay: Simulator;
  const settingsFile = () => join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
  let saved: string | undefined;

  before(async () => {
    await vscode.extensions.getExtension('relay-assistant.relay-assistant')?.activate();
    userRelay = await startSimulator();
    workspaceRelay = await startSimulator();
    for (const s of [userRelay, workspaceRelay]) s.setResponder((req) => demoCompletionScenario(req) ?? { status: 404, body: {} });
    await config().update('baseUrl', userRelay.url, vscode.ConfigurationTarget.Global);
    await config().update('completions.model', 'user-coder', vscode.ConfigurationTarget.Global);
    await config().update('completions.api', 'fim', vscode.ConfigurationTarget.Global);
    await readyEditor();
  });

  after(async () => {
    // Editors first: nothing may ask for a completion once the relay settings change under it.
    await closeAll();
    await config().update('completions.enabled', false, vscode.ConfigurationTarget.Global);
    if (saved === undefined) rmSync(settingsFile(), { force: true });
    else writeFileSync(settingsFile(), saved);
    for (const key of ['baseUrl', 'completions.model', 'completions.api', 'completions.enabled']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await userRelay.close();
    await workspaceRelay.close();
  });

  it('a repository\'s settings cannot redirect completions or pick their model: the workspace relay receives nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this run must open the workspace in Restricted Mode');
    saved = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : undefined;
    mkdirSync(join(settingsFile(), '..'), { recursive: true });
    writeFileSync(settingsFile(), JSON.stringify({
      'relayAssistant.baseUrl': workspaceRelay.url,
      'relayAssistant.completions.model': 'workspace-model',
      'relayAssistant.completions.api': 'chat',
      'relayAssistant.review.concurrency': 3,
    }));
    await until('VS Code to read the workspace settings', () => config().inspect('review.concurrency')?.workspaceValue === 3);
    await open('');
    await typeUntilShown('const count = ');
    assert.deepEqual(workspaceRelay.requests.map((r) => `${r.method} ${r.path}`), []);
    const sent = posts(userRelay);
    assert.equal(sent[0].path, '/v1/completions');
    assert.equal(sent[0].body.model, 'user-coder');
  });
});
