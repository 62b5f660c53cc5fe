import { strict as assert } from 'node:assert';
import { questionContent } from '../../../src/core/chat/prompt';
import { ChatStore } from '../../../src/core/chat/store';
import { ChatController } from '../../../src/features/chat/controller';
import type { ContextChip } from '../../../src/protocol';
import { startSimulator, type Simulator } from '../../support/simulator';
import { chunk, errorScenario, sseEvent, streamScenario } from '../../support/sse';
import { fakeHost, MemoryState, PostLog, type FakeHost } from './fakes';

type Sent = { role: string; content: string }[];

describe('chat controller against the simulator', () => {
  let sim: Simulator;
  let host: FakeHost;
  let kv: MemoryState;
  let log: PostLog;
  let chat: ChatController;

  function start(apiKey?: string, settings: Parameters<typeof fakeHost>[2] = {}): void {
    host = fakeHost(sim.url, apiKey, settings);
    chat = new ChatController(host.ctx, kv, log.post);
  }
  const sent = (i: number): Sent => sim.requests.filter((r) => r.path.endsWith('/chat/completions'))[i].body.messages;
  const chatRequests = () => sim.requests.filter((r) => r.path.endsWith('/chat/completions'));

  beforeEach(async () => {
    sim = await startSimulator();
    kv = new MemoryState();
    log = new PostLog();
    start();
  });
  afterEach(async () => {
    chat.dispose();
    await chat.whenIdle();
    await host.client.close();
    await sim.close();
  });

  it('streams an answer as ordered deltas, then finishes it with model, tokens and cost', async () => {
    sim.enqueue(streamScenario(['Hello', ', ', 'world', '!'], { usage: { prompt_tokens: 12, completion_tokens: 4 } }));
    await chat.ask({ prompt: 'hi' });
    await chat.whenIdle();
    assert.deepEqual(log.of('messageAdded').map((m) => m.message.role), ['user', 'assistant']);
    const deltas = log.of('delta');
    assert.equal(deltas.map((d) => d.text).join(''), 'Hello, world!');
    deltas.reduce((offset, d) => (assert.equal(d.offset, offset), offset + d.text.length), 0);
    const [finished] = log.of('messageFinished');
    assert.equal(finished.state, 'done');
    assert.equal(finished.text, 'Hello, world!');
    assert.equal(finished.meta?.model, 'gpt-4.1');
    assert.deepEqual([finished.meta?.promptTokens, finished.meta?.completionTokens, finished.meta?.tokensEstimated], [12, 4, false]);
    assert.equal(host.costs.length, 1);
    assert.equal(typeof host.costs[0], 'number');
    assert.equal(log.of('state').length, 0, 'the conversation is never re-posted while streaming');
    assert.deepEqual(sent(0).map((m) => m.role), ['system', 'user']);
    assert.equal(chatRequests()[0].body.stream, true);
  });

  it('stop aborts the request (the relay sees the socket close) and keeps the partial answer, marked stopped', async () => {
    sim.enqueue({ steps: [sseEvent(chunk({ content: 'Partial ' })), sseEvent(chunk({ content: 'answer' })), { stall: true }] });
    const arrived = log.next('delta', (d) => d.offset + d.text.length === 'Partial answer'.length);
    await chat.ask({ prompt: 'long one' });
    await arrived;
    const closed = sim.waitForClose();
    chat.stop();
    await chat.whenIdle();
    await closed;
    const [finished] = log.of('messageFinished');
    assert.equal(finished.state, 'stopped');
    assert.equal(finished.text, 'Partial answer');
    assert.equal(finished.error, null);
    const saved = new ChatStore(kv).get(chat.conversation.id);
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.state, m.text]), [['user', 'done', 'long one'], ['assistant', 'stopped', 'Partial answer']]);
  });

  it('a stopped answer still counts what it cost, estimated from the prompt and the partial text', async () => {
    sim.enqueue({ steps: [sseEvent(chunk({ content: 'x'.repeat(400) })), { stall: true }] });
    const arrived = log.next('delta', (d) => d.offset + d.text.length === 400);
    await chat.ask({ prompt: 'long one' });
    await arrived;
    chat.stop();
    await chat.whenIdle();
    const [finished] = log.of('messageFinished');
    assert.equal(finished.meta?.completionTokens, 100);
    assert.equal(finished.meta?.costEstimated, true);
    // gpt-4.1 costs $8 per million output tokens: 100 output tokens alone are $0.0008.
    assert.ok(finished.meta?.costUsd != null && finished.meta.costUsd > 0.0008, `cost ${finished.meta?.costUsd}`);
    assert.deepEqual(host.costs, [finished.meta.costUsd], 'the running total includes it');
  });

  it('a cut stream keeps the text received, says so, and offers Retry', async () => {
    sim.enqueue({ steps: [sseEvent(chunk({ content: 'Hel' })), sseEvent(chunk({ content: 'lo' })), { reset: true }] });
    await chat.ask({ prompt: 'q' });
    await chat.whenIdle();
    const [finished] = log.of('messageFinished');
    assert.equal(finished.state, 'error');
    assert.equal(finished.text, 'Hello');
    assert.equal(finished.error?.kind, 'stream_interrupted');
    assert.ok(finished.error?.actions.includes('retry'));
  });

  it('an auth failure offers Set API Key first and never shows the key', async () => {
    chat.dispose();
    start('sk-test-secret-1234');
    sim.enqueue(errorScenario(401, { message: 'Incorrect API key provided: sk-test-secret-1234', type: 'invalid_request_error' }));
    await chat.ask({ prompt: 'q' });
    await chat.whenIdle();
    const [finished] = log.of('messageFinished');
    assert.equal(finished.state, 'error');
    assert.equal(finished.error?.actions[0], 'setApiKey');
    assert.ok(!JSON.stringify(log.events).includes('sk-test-secret-1234'), 'key in a webview message');
    assert.ok(!JSON.stringify([...kv.data.values()]).includes('sk-test-secret-1234'), 'key in workspaceState');
    assert.ok(!host.logs.join('\n').includes('sk-test-secret-1234'), 'key in the output channel');
  });

  it('a rate limit counts down and retries on its own', async () => {
    sim.enqueue(errorScenario(429, { type: 'rate_limit_exceeded' }, { 'retry-after-ms': '1' }), streamScenario(['after the wait']));
    const done = log.next('messageFinished', (m) => m.state === 'done');
    await chat.ask({ prompt: 'q' });
    await done;
    await chat.whenIdle();
    const failed = log.of('messageFinished').find((m) => m.state === 'error');
    assert.ok(failed?.error?.retryAt, 'the failed attempt carried a retry time');
    assert.deepEqual(log.of('messagesRemoved').map((m) => m.ids), [[failed.id]]);
    assert.deepEqual(chat.conversation.messages.map((m) => [m.role, m.text]), [['user', 'q'], ['assistant', 'after the wait']]);
  });

  it('sends earlier turns as history; regenerate replaces only the last answer', async () => {
    await chat.ask({ prompt: 'q1' });
    await chat.whenIdle();
    await chat.ask({ prompt: 'q2' });
    await chat.whenIdle();
    assert.deepEqual(sent(1).slice(1), [
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'Echo: q1' },
      { role: 'user', content: 'q2' },
    ]);
    const oldAnswer = chat.conversation.messages[3].id;
    await chat.retry();
    await chat.whenIdle();
    assert.deepEqual(log.of('messagesRemoved').at(-1)?.ids, [oldAnswer]);
    assert.deepEqual(sent(2), sent(1));
    assert.equal(chat.conversation.messages.length, 4);
    assert.notEqual(chat.conversation.messages[3].id, oldAnswer);
  });

  it('edit and resend replaces the last question and keeps its context chips', async () => {
    const chip: ContextChip = { id: 'c1', kind: 'selection', path: 'src/a.ts', language: 'typescript', text: 'let x = 1;', startLine: 1, endLine: 1 };
    chat.addChip(chip);
    await chat.ask({ prompt: 'what is x' });
    await chat.whenIdle();
    assert.equal(sent(0).at(-1)?.content, questionContent('what is x', [chip]));
    await chat.editLast('what is x, really?');
    await chat.whenIdle();
    assert.equal(sent(1).at(-1)?.content, questionContent('what is x, really?', [chip]));
    assert.equal(sent(1).length, 2, 'the old question is not history');
    assert.deepEqual(chat.conversation.messages.map((m) => m.text), ['what is x, really?', `Echo: ${questionContent('what is x, really?', [chip])}`]);
  });

  it('trims history to the model context window, oldest turns first', async () => {
    chat.dispose();
    start(undefined, { model: 'tiny', models: { tiny: { contextWindow: 1_200 } } });
    const long = (tag: string) => `${tag} ${'x'.repeat(800)}`;
    for (const tag of ['first', 'second', 'third']) {
      await chat.ask({ prompt: long(tag) });
      await chat.whenIdle();
    }
    const last = sent(2);
    assert.equal(last[0].role, 'system');
    assert.equal(last.at(-1)?.content, long('third'));
    assert.ok(!last.some((m) => m.content.startsWith('first')), 'the oldest turn was dropped');
    assert.ok(last.some((m) => m.content === long('second')), 'the latest turn was kept');
  });

  it('a question that alone exceeds the context window is refused before any request, with Choose Model', async () => {
    chat.dispose();
    start(undefined, { model: 'tiny', models: { tiny: { contextWindow: 1_200 } } });
    await chat.ask({ prompt: 'z'.repeat(5_000) });
    await chat.whenIdle();
    const finished = log.of('messageFinished').at(-1);
    assert.equal(finished?.state, 'error');
    assert.equal(finished?.error?.kind, 'context_length');
    assert.deepEqual(finished?.error?.actions, ['chooseModel']);
    assert.match(finished?.error?.message ?? '', /too long for tiny/);
    assert.equal(chatRequests().length, 0, 'nothing was sent (or paid for)');
  });

  it('"Trim History and Retry" after a context_length error sends less history', async () => {
    for (const q of ['q1', 'q2']) {
      await chat.ask({ prompt: `${q} ${'y'.repeat(400)}` });
      await chat.whenIdle();
    }
    sim.enqueue(errorScenario(413, { code: 'context_length_exceeded', message: 'too long' }));
    await chat.ask({ prompt: 'q3' });
    await chat.whenIdle();
    const failed = log.of('messageFinished').at(-1);
    assert.equal(failed?.error?.actions[0], 'trimAndRetry');
    await chat.retry(true);
    await chat.whenIdle();
    const [before, after] = [sent(2), sent(3)];
    assert.ok(after.length < before.length, `${after.length} < ${before.length}`);
    assert.deepEqual([after[0].role, after.at(-1)?.content], ['system', 'q3']);
    assert.equal(chat.conversation.messages.at(-1)?.state, 'done');
  });

  it('a new controller over the same workspaceState restores the conversations', async () => {
    await chat.ask({ prompt: 'remember me' });
    await chat.whenIdle();
    const id = chat.conversation.id;
    await chat.newChat();
    await chat.ask({ prompt: 'second chat' });
    await chat.whenIdle();
    await chat.switchTo(id);
    await chat.store.flushed();
    const again = new ChatController(host.ctx, kv, new PostLog().post);
    const state = await again.snapshot();
    assert.equal(state.conversationId, id, 'the conversation shown last is shown again');
    assert.deepEqual(state.messages.map((m) => [m.role, m.state, m.text]), [['user', 'done', 'remember me'], ['assistant', 'done', 'Echo: remember me']]);
    assert.deepEqual(state.conversations.map((c) => c.title).sort(), ['remember me', 'second chat']);
    again.dispose();
  });

  it('remembers the chosen model per conversation; a new chat starts with the setting', async () => {
    await chat.selectModel('deepseek-v3.2');
    await chat.ask({ prompt: 'one' });
    await chat.whenIdle();
    const first = chat.conversation.id;
    await chat.newChat();
    assert.equal(chat.conversation.model, 'gpt-4.1');
    await chat.ask({ prompt: 'two' });
    await chat.whenIdle();
    await chat.switchTo(first);
    await chat.ask({ prompt: 'three' });
    await chat.whenIdle();
    assert.deepEqual(chatRequests().map((r) => r.body.model), ['deepseek-v3.2', 'gpt-4.1', 'deepseek-v3.2']);
    assert.equal((await new ChatController(host.ctx, kv, new PostLog().post).snapshot()).model, 'deepseek-v3.2');
  });

  it('shows the current conversation\'s model in the status bar as the user switches', async () => {
    await chat.selectModel('deepseek-v3.2');
    await chat.ask({ prompt: 'one' });
    await chat.whenIdle();
    const first = chat.conversation.id;
    await chat.newChat();
    assert.equal(host.statusModels.at(-1), 'gpt-4.1');
    await chat.switchTo(first);
    assert.equal(host.statusModels.at(-1), 'deepseek-v3.2');
  });

  it('delete and rename change the list; deleting the current one shows another', async () => {
    await chat.ask({ prompt: 'one' });
    await chat.whenIdle();
    const first = chat.conversation.id;
    await chat.newChat();
    await chat.ask({ prompt: 'two' });
    await chat.whenIdle();
    await chat.rename(first, '  Renamed  ');
    assert.equal(chat.store.get(first)?.title, 'Renamed');
    await chat.remove(chat.conversation.id);
    assert.equal(chat.conversation.id, first);
    assert.deepEqual(new ChatStore(kv).list().map((c) => c.id), [first]);
  });
});
