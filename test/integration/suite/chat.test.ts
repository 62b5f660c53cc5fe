// The sidebar chat inside a real VS Code against the relay simulator, driven through the
// webview's messages: a stand-in view (test builds only) posts what a click would post (the
// host validates and dispatches it like any other), and every assertion is on what the view
// actually received after `ready` or on what the relay received.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, SEND_REFUSED_WHILE_STREAMING } from '../../../src/protocol';
import { startSimulator, type Scenario, type Simulator } from '../../support/simulator';
import type { SimulatedRelay } from '../relay';
import { chunk, modelList, sseEvent, streamScenario } from '../../support/sse';
import { freshConversation, openChatView, WebviewProbe } from '../webviewProbe';

let sim: Simulator;
let relay: SimulatedRelay;
let view: WebviewProbe;

const root = () => vscode.workspace.workspaceFolders![0].uri;
const posts = () => sim.requests.filter((r) => r.method === 'POST');
const lastAsked = () => posts().at(-1)!.body.messages.at(-1).content as string;

/** Chat requests get these scenarios in order; GET /models always gets a list. */
function serveChats(...answers: Scenario[]): void {
  const queue = [...answers];
  sim.setResponder((req) => (req.method === 'GET' ? { body: modelList(['sim-model', 'gpt-4.1']) } : (queue.shift() ?? streamScenario(['ok']))));
}

/** Sends `raw` and resolves once the answer has finished and the run ended (the view then takes Enter again). */
async function answered(raw: unknown) {
  const finished = view.next('messageFinished');
  const ended = view.next('busy', (m) => !m.busy);
  view.send(raw);
  const [end] = await Promise.all([finished, ended]);
  return end;
}

async function idle(): Promise<void> {
  const state = view.received.filter((m) => m.type === 'busy').at(-1);
  if (state?.type === 'busy' && state.busy) await view.next('busy', (m) => !m.busy);
}

describe('chat: the sidebar chat through its webview messages', function () {
  this.timeout(60_000);

  before(async () => {
    ({ relay, view } = await openChatView());
    sim = relay.sim;
  });

  after(async () => {
    view?.dispose();
    await relay.restore();
  });

  beforeEach(async () => {
    sim.reset();
    serveChats();
    await freshConversation(view);
  });

  it('delivers nothing before ready, then the full state: local relay, no welcome, protocol version', async () => {
    const fresh = await WebviewProbe.attach();
    view = fresh;
    view.send({ type: 'newChat' });
    await vscode.commands.executeCommand('relayAssistant.newChat');
    assert.deepEqual(view.received, [], 'nothing reaches a view before it says ready');
    const { state, protocolVersion } = await view.ready();
    assert.equal(protocolVersion, PROTOCOL_VERSION);
    assert.equal(state.welcome, false, 'a relay on 127.0.0.1 needs no key');
    assert.equal(state.busy, false);
    assert.ok(state.models.includes('gpt-4.1'));
  });

  it('a typed question streams an answer: deltas, then the finished answer with its meta line', async () => {
    serveChats(streamScenario(['Hello ', 'from ', 'the relay.'], { usage: { prompt_tokens: 20, completion_tokens: 5 } }));
    const end = await answered({ type: 'send', text: 'Say hello' });
    assert.equal(end.state, 'done');
    assert.equal(end.text, 'Hello from the relay.');
    assert.deepEqual([end.meta?.promptTokens, end.meta?.completionTokens], [20, 5]);
    assert.deepEqual(view.of('messageAdded').map((m) => [m.message.role, m.message.text]), [['user', 'Say hello'], ['assistant', '']]);
    assert.equal(view.of('delta').filter((d) => d.id === end.id).map((d) => d.text).join(''), 'Hello from the relay.');
    assert.equal(view.of('state').length, 0, 'no full state while streaming');
    assert.equal(posts()[0].body.stream, true);
    assert.equal(lastAsked(), 'Say hello');
  });

  it('Stop aborts the stream (the relay sees the socket close) and keeps the partial answer', async () => {
    serveChats({ steps: [sseEvent(chunk({ content: 'Partial ' })), sseEvent(chunk({ content: 'answer' })), { stall: true }] });
    const arrived = view.next('delta', (m) => m.offset + m.text.length === 'Partial answer'.length);
    view.send({ type: 'send', text: 'Write a long essay' });
    await arrived;
    const closed = sim.waitForClose();
    const done = view.next('messageFinished');
    view.send({ type: 'stop' });
    const end = await done;
    await closed;
    assert.deepEqual([end.state, end.text, end.error], ['stopped', 'Partial answer', null]);
    await idle();
  });

  it('Enter while an answer streams is refused and the text comes back; nothing else is sent', async () => {
    serveChats({ steps: [sseEvent(chunk({ content: 'busy ' })), { stall: true }] });
    const streaming = view.next('delta');
    view.send({ type: 'send', text: 'first' });
    await streaming;
    const refused = view.next('sendRefused');
    view.send({ type: 'send', text: 'second' });
    assert.deepEqual(await refused, { type: 'sendRefused', text: 'second', reason: SEND_REFUSED_WHILE_STREAMING });
    assert.equal(posts().length, 1);
    view.send({ type: 'stop' });
    await idle();
  });

  it('drops malformed messages: nothing is dispatched, the next good one works', async () => {
    for (const bad of [{ type: 'send', text: 42 }, { type: '__proto__' }, { type: 'addContext', kind: 'secrets' }, 'send', { type: 'contextQuery', kind: 'file', query: 'x', requestId: 'one' }]) view.send(bad);
    await answered({ type: 'send', text: 'good' });
    assert.deepEqual(posts().map((r) => r.body.messages.at(-1).content), ['good']);
    assert.equal(view.of('contextResults').length + view.of('chips').filter((c) => c.chips.length).length, 0);
  });

  it('#file finds open editors first; its chip says what and how much; the relay gets the file', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'src', 'cart.js'));
    await vscode.window.showTextDocument(doc);
    const results = view.next('contextResults', (m) => m.requestId === 7);
    view.send({ type: 'contextQuery', requestId: 7, kind: 'file', query: 'cart' });
    const { items } = await results;
    assert.equal(items[0]?.label, 'cart.js');
    assert.match(items[0].detail, /open editor/);
    const chips = view.next('chips');
    view.send({ type: 'addContext', kind: 'file', pick: items[0].id });
    const [chip] = (await chips).chips;
    assert.equal(chip.label, 'src/cart.js');
    assert.match(chip.detail ?? '', /^\d+ lines · ~\d+ tokens$/);
    assert.ok((view.of('estimate').at(-1)?.estimate?.tokens ?? 0) >= (chip.tokens ?? 0), 'the estimate counts the chip');
    const refusedPick = view.next('contextError');
    view.send({ type: 'addContext', kind: 'file', pick: 'not-an-id-the-host-gave' });
    assert.match((await refusedPick).message, /no longer in the list/);
    await answered({ type: 'send', text: 'What does it do?' });
    assert.ok(lastAsked().startsWith('What does it do?\n\nFile src/cart.js (javascript):\n```javascript\n'));
    assert.ok(lastAsked().includes(doc.getText()));
  });

  it('+ File on a file too long to send whole: the chip says it was truncated and to how much', async () => {
    const big = join(root().fsPath, 'big-generated.txt');
    writeFileSync(big, 'x'.repeat(150_000));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
      const chips = view.next('chips');
      view.send({ type: 'addContext', kind: 'file' });
      const [chip] = (await chips).chips;
      assert.equal(chip.truncated, true);
      assert.match(chip.detail ?? '', /^truncated to 100,000 of 150,000 characters/);
      const removed = view.next('chips');
      view.send({ type: 'removeChip', id: chip.id });
      assert.deepEqual((await removed).chips, []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      rmSync(big, { force: true });
    }
  });

  it('#selection, #problems (with severities) and #symbol become chips the relay receives', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src', 'settings.ts');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    const diagnostics = vscode.languages.createDiagnosticCollection('chat-test');
    diagnostics.set(uri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'Something is off', vscode.DiagnosticSeverity.Warning)]);
    const symbols = vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols: (q) => (q === 'Probe' ? [new vscode.SymbolInformation('ProbeSymbol', vscode.SymbolKind.Function, 'chat-test', new vscode.Location(uri, new vscode.Range(0, 0, 1, 0)))] : []),
    });
    try {
      let chips = view.next('chips');
      view.send({ type: 'addContext', kind: 'selection' });
      assert.equal((await chips).chips.at(-1)?.label, 'src/settings.ts:1-2');
      chips = view.next('chips');
      view.send({ type: 'addContext', kind: 'problems', scope: 'file' });
      assert.match((await chips).chips.at(-1)?.label ?? '', /^Problems in src\/settings\.ts \(.*1 warning.*\)$/);
      const results = view.next('contextResults', (m) => m.requestId === 9);
      view.send({ type: 'contextQuery', requestId: 9, kind: 'symbol', query: 'Probe' });
      const [symbol] = (await results).items;
      assert.equal(symbol?.label, 'ProbeSymbol');
      chips = view.next('chips');
      view.send({ type: 'addContext', kind: 'symbol', pick: symbol.id });
      assert.equal((await chips).chips.at(-1)?.label, 'ProbeSymbol (src/settings.ts:1-2)');
      await answered({ type: 'send', text: 'Review these' });
      assert.match(lastAsked(), /Selection from src\/settings\.ts:1-2/);
      assert.match(lastAsked(), /src\/settings\.ts:1:1 warning: Something is off/);
      assert.match(lastAsked(), /Symbol ProbeSymbol \(src\/settings\.ts:1-2\)/);
    } finally {
      diagnostics.dispose();
      symbols.dispose();
    }
  });

  it('AGENTS.md shows as "Using AGENTS.md", goes into the system prompt, and can be switched off', async () => {
    const agents = join(root().fsPath, 'AGENTS.md');
    writeFileSync(agents, 'Answer like a pirate.\n');
    try {
      const { state } = await view.ready(); // a view (re)load reads the instruction files again
      assert.deepEqual(state.instructions.map((f) => [f.path, f.enabled]), [['AGENTS.md', true]]);
      await answered({ type: 'send', text: 'hi' });
      assert.match(posts().at(-1)!.body.messages[0].content, /Instructions from AGENTS\.md[^\n]*:\nAnswer like a pirate\./);
      const off = view.next('instructions');
      view.send({ type: 'setInstructions', path: 'AGENTS.md', enabled: false });
      assert.equal((await off).files[0].enabled, false);
      await answered({ type: 'send', text: 'hi again' });
      assert.ok(!posts().at(-1)!.body.messages[0].content.includes('pirate'));
    } finally {
      view.send({ type: 'setInstructions', path: 'AGENTS.md', enabled: true });
      rmSync(agents, { force: true });
    }
  });

  it('Explain, then Edit & resend: the edited question still carries the selected code', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src', 'cart.js');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    const code = editor.document.getText(editor.selection).trimEnd();
    const explained = Promise.all([view.next('messageFinished'), view.next('busy', (m) => !m.busy)]);
    await vscode.commands.executeCommand('relayAssistant.explainSelection');
    await explained;
    assert.match(view.of('messageAdded')[0].message.text, /^Explain src\/cart\.js:1-/);
    await answered({ type: 'editLast', text: 'Is this safe?' });
    assert.ok(lastAsked().startsWith('Is this safe?'));
    assert.ok(lastAsked().includes(code), 'the code went with the edited question');
  });

  it('the model list follows baseUrl to another relay', async () => {
    const other = await startSimulator();
    other.setResponder((req) => (req.method === 'GET' ? { body: modelList(['other-relay-model']) } : streamScenario(['x'])));
    try {
      const models = view.next('models', (m) => m.models.includes('other-relay-model'));
      await vscode.workspace.getConfiguration('relayAssistant').update('baseUrl', other.url, vscode.ConfigurationTarget.Workspace);
      const list = (await models).models;
      assert.ok(!list.includes('sim-model'), 'the first relay\'s models are gone');
    } finally {
      await vscode.workspace.getConfiguration('relayAssistant').update('baseUrl', sim.url, vscode.ConfigurationTarget.Workspace);
      await other.close();
    }
  });

  it('New File from a ```ts block opens as TypeScript', async () => {
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.isUntitled) {
          sub.dispose();
          resolve(e);
        }
      });
    });
    view.send({ type: 'codeAction', action: 'newFile', code: 'const x: number = 1;\n', language: 'ts' });
    const editor = await opened;
    assert.equal(editor.document.languageId, 'typescript');
    assert.equal(editor.document.getText(), 'const x: number = 1;\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
