// The sidebar chat inside a real VS Code against the relay simulator: a question sent through
// the askInChat command streams an answer, Stop aborts it (the relay sees the socket close) and
// keeps the partial text, and a new chat host built from workspaceState (what a window reload
// does) shows the same conversation again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { InternalCommands } from '../../../src/features/context';
import { CHAT_TEST_HOOKS_COMMAND, type ChatTestHooks } from '../../../src/features/chat/testHooks';
import type { HostToWebview } from '../../../src/protocol';
import { type Scenario, type Simulator } from '../../support/simulator';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';
import { chunk, modelList, sseEvent, streamScenario } from '../../support/sse';

let sim: Simulator;
let relay: SimulatedRelay;
let hooks: ChatTestHooks;

/** Chat requests get these scenarios in order; GET /models always gets a list. */
function serveChats(...answers: Scenario[]): void {
  const queue = [...answers];
  sim.setResponder((req) => (req.method === 'GET' ? { body: modelList(['sim-model', 'gpt-4.1']) } : (queue.shift() ?? { status: 500, body: { error: { message: 'no answer expected', type: 'server_error' } } })));
}

function finished(id?: string): Promise<Extract<HostToWebview, { type: 'messageFinished' }>> {
  return hooks.waitFor((m) => m.type === 'messageFinished' && (!id || m.id === id)) as Promise<Extract<HostToWebview, { type: 'messageFinished' }>>;
}

function ask(prompt: string, display?: string): Thenable<unknown> {
  return vscode.commands.executeCommand(InternalCommands.askInChat, { prompt, display });
}

describe('chat: the sidebar chat', function () {
  this.timeout(30_000);

  before(async () => {
    relay = await useSimulatedRelay();
    sim = relay.sim;
    hooks = (await vscode.commands.executeCommand<ChatTestHooks>(CHAT_TEST_HOOKS_COMMAND))!;
    assert.ok(hooks, 'the chat registers its test hooks in ExtensionMode.Test');
  });

  after(async () => {
    await relay.restore();
  });

  beforeEach(async () => {
    sim.reset();
    await hooks.controller().newChat();
    hooks.clearEvents();
  });

  it('opens the chat view from its command and needs no key for a local relay', async () => {
    await vscode.commands.executeCommand('relayAssistant.openChat');
    const state = await hooks.controller().snapshot();
    assert.equal(state.welcome, false);
  });

  it('streams an answer from the relay and finishes it with the meta line data', async () => {
    serveChats(streamScenario(['Hello ', 'from ', 'the relay.'], { usage: { prompt_tokens: 20, completion_tokens: 5 } }));
    const done = finished();
    await ask('Say hello', 'Say hello (shown)');
    const end = await done;
    assert.equal(end.state, 'done');
    assert.equal(end.text, 'Hello from the relay.');
    assert.deepEqual([end.meta?.promptTokens, end.meta?.completionTokens], [20, 5]);
    const deltas = hooks.events.filter((m): m is Extract<HostToWebview, { type: 'delta' }> => m.type === 'delta' && m.id === end.id);
    assert.equal(deltas.map((d) => d.text).join(''), 'Hello from the relay.');
    assert.ok(!hooks.events.some((m) => m.type === 'state'), 'no full state is posted while streaming');
    const conv = hooks.controller().conversation;
    assert.equal(conv.messages[0].text, 'Say hello (shown)');
    const sent = sim.requests.find((r) => r.method === 'POST')!.body;
    assert.equal(sent.stream, true);
    assert.equal(sent.messages.at(-1).content, 'Say hello');
  });

  it('Stop aborts the stream, closes the socket and keeps the partial answer marked stopped', async () => {
    serveChats({ steps: [sseEvent(chunk({ content: 'Partial ' })), sseEvent(chunk({ content: 'answer' })), { stall: true }] });
    const arrived = hooks.waitFor((m) => m.type === 'delta' && m.offset + m.text.length === 'Partial answer'.length);
    const done = finished();
    await ask('Write a long essay');
    await arrived;
    const closed = sim.waitForClose();
    hooks.controller().stop();
    const end = await done;
    await closed;
    assert.equal(end.state, 'stopped');
    assert.equal(end.text, 'Partial answer');
    assert.equal(end.error, null);
  });

  it('the conversation survives a new chat host built from workspaceState (a reload)', async () => {
    serveChats(streamScenario(['Kept ', 'across reloads.']));
    const done = finished();
    await ask('Remember this');
    await done;
    const before = hooks.controller().conversation;
    const fresh = await hooks.recreate();
    const state = await fresh.snapshot();
    assert.equal(state.conversationId, before.id);
    assert.deepEqual(state.messages.map((m) => [m.role, m.state, m.text]), [['user', 'done', 'Remember this'], ['assistant', 'done', 'Kept across reloads.']]);
    assert.ok(state.conversations.some((c) => c.id === before.id && c.title === 'Remember this'));
    assert.ok(JSON.stringify(fresh.store.list()).includes('Kept across reloads.'));
  });
});
