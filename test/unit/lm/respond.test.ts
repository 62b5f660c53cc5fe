// One answer over a real loopback relay: text as it arrives, tool calls when complete, reasoning
// remembered per call, cost counted, errors mid-stream in our words, cancellation closing the socket.
import { strict as assert } from 'node:assert';
import { LmRequestError, ReasoningMemory, respond, type LmSink, type LmToolCall } from '../../../src/core/lm';
import type { ChatRequest, ChatResult, RelayClient } from '../../../src/core/relay';
import { DONE, chunk, errorScenario, sseEvent as ev } from '../../support/sse';
import { KEY, client, failure, useSimulator } from '../relay/helpers';

interface Seen {
  events: (string | LmToolCall)[];
  costs: [number | null, string][];
}

function sink(): { sink: LmSink; seen: Seen } {
  const seen: Seen = { events: [], costs: [] };
  return { seen, sink: { text: (v) => seen.events.push(v), toolCall: (c) => seen.events.push(c) } };
}

const hooks = (seen: Seen) => ({ addCost: (usd: number | null, model: string) => seen.costs.push([usd, model]), secrets: () => [KEY] });
const usage = { prompt_tokens: 1_000_000, completion_tokens: 0 };

describe('lm: answers', () => {
  const s = useSimulator();

  it('reports text as it arrives, then each tool call when complete, with its JSON input parsed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    s.sim.enqueue({
      steps: [
        ev(chunk({ content: 'Checking' })),
        { until: gate },
        ev(chunk({ toolCalls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"ci' } }] })),
        ev(chunk({ toolCalls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] })),
        ev(chunk({ finish: 'tool_calls', usage })),
        DONE,
      ],
    });
    const { sink: out, seen } = sink();
    const done = respond(client(s.sim), { model: 'gpt-4.1', messages: [{ role: 'user', content: 'weather?' }], signal: new AbortController().signal }, { ...out, text: (v) => (out.text(v), release()) }, new ReasoningMemory(), hooks(seen));
    await done;
    assert.deepEqual(seen.events, ['Checking', { callId: 'call_1', name: 'weather', input: { city: 'Paris' } }]);
    assert.deepEqual(seen.costs, [[2, 'gpt-4.1']]);
  });

  it('remembers the reasoning that came with tool calls, by call id', async () => {
    s.sim.enqueue({
      steps: [
        ev(chunk({ reasoning: 'Need the list.' })),
        ev(chunk({ toolCalls: [{ index: 0, id: 'c7', type: 'function', function: { name: 'ls', arguments: '' } }], finish: 'tool_calls' })),
        DONE,
      ],
    });
    const memory = new ReasoningMemory();
    const { sink: out, seen } = sink();
    await respond(client(s.sim), { model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'ls' }], signal: new AbortController().signal }, out, memory, hooks(seen));
    assert.deepEqual(seen.events, [{ callId: 'c7', name: 'ls', input: {} }]);
    assert.equal(memory.get('c7'), 'Need the list.');
  });

  it('fails clearly when a tool call\'s arguments are not JSON, and still counts the cost', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ toolCalls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'edit', arguments: '{"path": ' } }], finish: 'tool_calls', usage })), DONE] });
    const { sink: out, seen } = sink();
    const err = await respond(client(s.sim), { model: 'gpt-4.1', messages: [{ role: 'user', content: 'x' }], signal: new AbortController().signal }, out, new ReasoningMemory(), hooks(seen)).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e as LmRequestError,
    );
    assert.ok(err instanceof LmRequestError);
    assert.match(err.message, /^Relay Assistant: The model called the tool "edit" with arguments that are not a JSON object/);
    assert.deepEqual(seen.events, []);
    assert.equal(seen.costs.length, 1);
  });

  it('keeps the text already reported when the stream breaks, then fails in our words without the key', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'Half an ans' })), ev({ error: { message: `upstream exploded for ${KEY}`, type: 'server_error' } })] });
    const { sink: out, seen } = sink();
    const err = await respond(client(s.sim, { maxRetries: 0 }), { model: 'gpt-4.1', messages: [{ role: 'user', content: 'x' }], signal: new AbortController().signal }, out, new ReasoningMemory(), hooks(seen)).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e as LmRequestError,
    );
    assert.deepEqual(seen.events, ['Half an ans']);
    assert.ok(err instanceof LmRequestError);
    assert.match(err.message, /^Relay Assistant: The relay had an internal error\. \(.*upstream exploded for \*\*\*\) Details: "Relay Assistant: Show Output"\.$/);
    assert.ok(!err.message.includes(KEY));
    assert.equal(seen.costs.length, 1, 'a cut answer is billed too');
  });

  it('says what fixes an auth error', async () => {
    s.sim.enqueue(errorScenario(401, { message: 'invalid api key', type: 'invalid_request_error' }));
    const { sink: out, seen } = sink();
    const err = (await respond(client(s.sim), { model: 'gpt-4.1', messages: [{ role: 'user', content: 'x' }], signal: new AbortController().signal }, out, new ReasoningMemory(), hooks(seen)).catch((e: unknown) => e)) as Error;
    assert.match(err.message, /rejected the API key.*\(401: .*invalid api key.*\) Run "Relay Assistant: Set API Key"\./);
  });

  it('cancelling mid-stream closes the socket and rejects as cancelled, keeping what was reported', async () => {
    const abort = new AbortController();
    s.sim.enqueue({ steps: [ev(chunk({ content: 'Long ' })), { stall: true }] });
    const { sink: out, seen } = sink();
    const answer = respond(client(s.sim), { model: 'gpt-4.1', messages: [{ role: 'user', content: 'x' }], signal: abort.signal }, { ...out, text: (v) => (out.text(v), abort.abort()) }, new ReasoningMemory(), hooks(seen));
    const closed = s.sim.waitForClose();
    const err = await failure(answer);
    await closed;
    assert.equal(err.kind, 'cancelled');
    assert.deepEqual(seen.events, ['Long ']);
  });

  it('passes the request through unchanged (tools, tool choice, signal) and streams', async () => {
    let got: ChatRequest | undefined;
    const fake = { chat: async (r: ChatRequest) => ((got = r), { text: '', reasoning: null, toolCalls: [], costUsd: null, model: r.model } as unknown as ChatResult) } as unknown as RelayClient;
    const signal = new AbortController().signal;
    const { sink: out, seen } = sink();
    await respond(fake, { model: 'm', messages: [], tools: [{ name: 't' }], toolChoice: 'required', signal }, out, new ReasoningMemory(), hooks(seen));
    assert.equal(got?.stream, true);
    assert.deepEqual(got?.tools, [{ name: 't' }]);
    assert.equal(got?.toolChoice, 'required');
    assert.equal(got?.signal, signal);
    assert.deepEqual(seen.costs, [[null, 'm']]);
  });
});
