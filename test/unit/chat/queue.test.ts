// One operation at a time: every mutating chat action goes through one queue (abort the
// streaming answer, await its end, then run). Each interleaving is driven against the relay
// simulator on a loopback socket; a counting wrapper around the relay client sees how many
// requests are in flight at once, and the simulator sees the aborted sockets close.
import { strict as assert } from 'node:assert';
import { buildExplainPrompt } from '../../../src/core/edit/prompts';
import { ChatStore } from '../../../src/core/chat/store';
import { OperationQueue } from '../../../src/core/chat/queue';
import type { RelayClient } from '../../../src/core/relay/types';
import { ChatController } from '../../../src/features/chat/controller';
import { SEND_REFUSED_WHILE_STREAMING } from '../../../src/protocol';
import { startSimulator, type Scenario, type Simulator } from '../../support/simulator';
import { chunk, errorScenario, sseEvent, streamScenario } from '../../support/sse';
import { fakeHost, MemoryState, PostLog, type FakeHost } from './fakes';

const stalled = (text: string): Scenario => ({ steps: [sseEvent(chunk({ content: text })), { stall: true }] });

/** Counts chat requests in flight as the relay client sees them. */
function counting(client: RelayClient) {
  const c = { now: 0, max: 0, client: undefined as unknown as RelayClient };
  c.client = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'chat') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<RelayClient['chat']>) => {
        c.max = Math.max(c.max, ++c.now);
        try {
          return await target.chat(...args);
        } finally {
          c.now--;
        }
      };
    },
  });
  return c;
}

describe('chat: one operation at a time', () => {
  let sim: Simulator;
  let host: FakeHost;
  let kv: MemoryState;
  let log: PostLog;
  let chat: ChatController;
  let inFlight: ReturnType<typeof counting>;
  const chatRequests = () => sim.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const firstDelta = (text: string) => log.next('delta', (d) => d.text.includes(text));

  beforeEach(async () => {
    sim = await startSimulator();
    kv = new MemoryState();
    log = new PostLog();
    host = fakeHost(sim.url);
    inFlight = counting(host.client);
    host.ctx.relay = async () => inFlight.client;
    chat = new ChatController(host.ctx, kv, log.post);
  });
  afterEach(async () => {
    chat.dispose();
    await chat.whenIdle();
    await host.client.close();
    await sim.close();
  });

  it('two asks during a stream (Explain twice): the first is stopped and its socket closed, then the second runs', async () => {
    sim.setResponder((req) => {
      const asked = req.body.messages.at(-1).content;
      return asked === 'one' ? stalled('first ') : streamScenario([`answer to ${asked}`]);
    });
    const streaming = firstDelta('first');
    await chat.ask({ prompt: 'one' });
    await streaming;
    const closed = sim.waitForClose();
    const second = chat.ask({ prompt: 'two' });
    const third = chat.ask({ prompt: 'three' });
    await Promise.all([second, third, closed]);
    await chat.whenIdle();
    assert.equal(inFlight.max, 1, 'never two requests at once');
    const states = chat.conversation.messages.map((m) => [m.role, m.state, m.text]);
    assert.deepEqual(states, [
      ['user', 'done', 'one'], ['assistant', 'stopped', 'first '],
      ['user', 'done', 'two'], ['assistant', 'stopped', ''],
      ['user', 'done', 'three'], ['assistant', 'done', 'answer to three'],
    ]);
    // busy:false only after the answer it was for has finished
    const order = log.events.filter((m) => m.type === 'busy' || m.type === 'messageFinished').map((m) => (m.type === 'busy' ? `busy:${m.busy}` : 'finished'));
    assert.deepEqual(order.slice(0, 3), ['busy:true', 'finished', 'busy:false']);
    assert.equal(order.at(-1), 'busy:false');
  });

  it('Enter while an answer streams is refused visibly: the text goes back, nothing is sent, the answer goes on', async () => {
    sim.enqueue({ steps: [sseEvent(chunk({ content: 'still ' })), { delayMs: 30 }, sseEvent(chunk({ content: 'going' })), sseEvent('[DONE]')] });
    const streaming = firstDelta('still');
    await chat.ask({ prompt: 'first' });
    await streaming;
    const refused = log.next('sendRefused');
    await chat.send('typed during the stream');
    assert.deepEqual(await refused, { type: 'sendRefused', text: 'typed during the stream', reason: SEND_REFUSED_WHILE_STREAMING });
    await chat.whenIdle();
    assert.equal(chatRequests().length, 1);
    assert.deepEqual(chat.conversation.messages.map((m) => [m.role, m.state, m.text]), [['user', 'done', 'first'], ['assistant', 'done', 'still going']]);
    await chat.send('after the answer');
    await chat.whenIdle();
    assert.equal(chatRequests().length, 2, 'once the answer ended, Enter sends');
  });

  it('deleting the conversation that streams stops it, and the run ending does not bring it back', async () => {
    sim.enqueue(stalled('partial'));
    const streaming = firstDelta('partial');
    await chat.ask({ prompt: 'doomed' });
    const doomed = chat.conversation.id;
    await streaming;
    assert.ok(new ChatStore(kv).get(doomed), 'saved when it started');
    const closed = sim.waitForClose();
    await chat.remove(doomed);
    await closed;
    await chat.whenIdle();
    await chat.store.flushed();
    assert.equal(chat.store.get(doomed), undefined);
    assert.equal(new ChatStore(kv).get(doomed), undefined, 'not written back to workspaceState');
    assert.notEqual(chat.conversation.id, doomed);
    assert.equal(log.of('messageFinished').at(-1)?.state, 'stopped');
  });

  it('the rate-limit retry firing while a new question is asked: one request at a time, the new question wins', async () => {
    sim.enqueue(errorScenario(429, { type: 'rate_limit_exceeded' }, { 'retry-after-ms': '1' }), stalled('retrying '), streamScenario(['the new answer']));
    const retryStarted = firstDelta('retrying');
    await chat.ask({ prompt: 'q1' });
    await retryStarted; // the automatic retry fired and streams
    const closed = sim.waitForClose();
    await chat.ask({ prompt: 'q2' });
    await closed;
    await chat.whenIdle();
    assert.equal(inFlight.max, 1);
    assert.equal(chatRequests().length, 3);
    assert.deepEqual(chat.conversation.messages.map((m) => [m.role, m.state]), [['user', 'done'], ['assistant', 'stopped'], ['user', 'done'], ['assistant', 'done']]);
  });

  it('a new question cancels a pending automatic retry: it never fires', async () => {
    sim.enqueue(errorScenario(429, { type: 'rate_limit_exceeded' }, { 'retry-after-ms': '60000' }), streamScenario(['fresh']));
    await chat.ask({ prompt: 'q1' });
    await chat.whenIdle();
    assert.ok(log.of('messageFinished').at(-1)?.error?.retryAt, 'a retry was scheduled');
    await chat.ask({ prompt: 'q2' });
    await chat.whenIdle();
    assert.equal(chatRequests().length, 2);
    assert.equal((chat as unknown as { autoRetry: unknown }).autoRetry, undefined, 'no retry timer left');
  });

  it('regenerate and switching conversations during a stream abort it first (one request in flight)', async () => {
    sim.enqueue(stalled('a'), stalled('b'), streamScenario(['c']));
    let streaming = firstDelta('a');
    await chat.ask({ prompt: 'q' });
    const first = chat.conversation.id;
    await streaming;
    streaming = firstDelta('b');
    let closed = sim.waitForClose();
    await chat.retry();
    await Promise.all([streaming, closed]);
    closed = sim.waitForClose();
    await chat.newChat();
    await closed;
    assert.notEqual(chat.conversation.id, first);
    await chat.ask({ prompt: 'other' });
    await chat.whenIdle();
    assert.equal(inFlight.max, 1);
    const saved = new ChatStore(kv).get(first);
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.state, m.text]), [['user', 'done', 'q'], ['assistant', 'stopped', 'b']]);
  });

  it('Edit & resend of an Explain question keeps the selected code and its location', async () => {
    const explain = buildExplainPrompt({ relativePath: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 4, code: 'const secretSauce = 42;', before: '', after: '' });
    await chat.ask(explain);
    await chat.whenIdle();
    assert.equal(chat.conversation.messages[0].text, 'Explain src/a.ts:3-4');
    await chat.editLast('Why 42?');
    await chat.whenIdle();
    const sent = chatRequests()[1].body.messages.at(-1).content as string;
    assert.match(sent, /^Why 42\?\n/);
    assert.ok(sent.includes('const secretSauce = 42;'), 'the code is still sent');
    assert.ok(sent.includes('src/a.ts (typescript), lines 3-4'), 'and where it is');
    assert.equal(chat.conversation.messages[0].text, 'Why 42?');
    // the context survives a reload too
    await chat.store.flushed();
    const reloaded = new ChatStore(kv).get(chat.conversation.id)!;
    assert.equal(reloaded.messages[0].context?.prompt, explain.prompt);
  });

  it('edit keeps the chips of the question (stored apart from its text)', async () => {
    chat.addChip({ id: 'c1', kind: 'file', path: 'b.py', language: 'python', text: 'print(1)' });
    await chat.ask({ prompt: 'what does it print' });
    await chat.whenIdle();
    await chat.editLast('and in Python 2?');
    await chat.whenIdle();
    const sent = chatRequests()[1].body.messages.at(-1).content as string;
    assert.match(sent, /^and in Python 2\?\n\nFile b\.py \(python\):\n```python\nprint\(1\)\n```$/);
  });
});

describe('OperationQueue', () => {
  it('runs steps in order, each after the streaming run was aborted and ended', async () => {
    const q = new OperationQueue();
    const seen: string[] = [];
    await q.enqueue(() =>
      q.start(
        (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => (seen.push('run aborted'), resolve()))),
        () => seen.push('run ended'),
      ),
    );
    assert.equal(q.running, true);
    const a = q.enqueue(() => void seen.push('a'));
    const b = q.enqueue(() => void seen.push('b'));
    await Promise.all([a, b]);
    assert.deepEqual(seen, ['run aborted', 'run ended', 'a', 'b']);
    assert.equal(q.running, false);
  });

  it('a step that does not abort sees the run still going; a failing step does not block the next', async () => {
    const q = new OperationQueue();
    let finish!: () => void;
    await q.enqueue(() => q.start(() => new Promise<void>((r) => (finish = r))));
    assert.equal(await q.enqueue(() => q.running, { abortActive: false }), true);
    await assert.rejects(q.enqueue(() => Promise.reject(new Error('boom')), { abortActive: false }));
    const idle = q.whenIdle();
    finish();
    await idle;
    assert.equal(q.busy, false);
    assert.throws(() => {
      q.start(() => new Promise(() => undefined));
      q.start(() => Promise.resolve());
    }, /already running/);
    q.stop();
  });
});
