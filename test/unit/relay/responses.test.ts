// The Responses API wire: typed events, no [DONE], output[], the same errors, retries, timeouts,
// cancellation and redaction as chat completions.
import { strict as assert } from 'node:assert';
import { SseDecoder } from '../../../src/core/relay/sse';
import { ResponsesState } from '../../../src/core/relay/wires/responses';
import { responseEvent, responseObject, responseScenario, responseStreamScenario, responseStreamSteps } from '../../support/responses';
import { errorScenario } from '../../support/sse';
import { KEY, ask, client, failure, useSimulator } from './helpers';

const codex = (o: Parameters<typeof ask>[1] = {}) => ask('hi', { model: 'gpt-5-codex', ...o });

describe('Responses API stream', () => {
  const s = useSimulator();

  it('reads text and reasoning deltas to response.completed, with usage', async () => {
    s.sim.enqueue(responseStreamScenario(['Hel', 'lo'], { reasoning: ['think', 'ing'], usage: { input_tokens: 1200, output_tokens: 300, input_tokens_details: { cached_tokens: 1024 }, output_tokens_details: { reasoning_tokens: 256 } } }));
    const deltas: object[] = [];
    const r = await client(s.sim).chat(codex({ onDelta: (d) => deltas.push(d) }));
    assert.deepEqual([r.text, r.reasoning, r.finishReason, r.api, r.attempts], ['Hello', 'thinking', 'stop', 'responses', 1]);
    assert.deepEqual(deltas, [{ reasoning: 'think' }, { reasoning: 'ing' }, { content: 'Hel' }, { content: 'lo' }]);
    assert.equal(r.usage?.totalTokens, 1500);
    assert.equal(s.sim.requests[0].body.stream, true);
    assert.equal(s.sim.requests[0].headers.accept, 'text/event-stream');
  });

  it('reads the same events split at every byte', () => {
    const body = Buffer.from(responseStreamSteps(['Grüße ', '世界 🎉'], { reasoning: ['r—1'] }).join(''));
    for (let cut = 1; cut < body.length; cut++) {
      const state = new ResponsesState({ onDelta: undefined, secrets: [], onFirstVisible: () => undefined });
      const decoder = new SseDecoder((e) => state.apply(e));
      decoder.feed(body.subarray(0, cut));
      decoder.feed(body.subarray(cut));
      decoder.end();
      assert.deepEqual([state.text, state.reasoning, state.finishReason, state.outcome()], ['Grüße 世界 🎉', 'r—1', 'stop', null], `split at byte ${cut}`);
    }
  });

  it('reads one byte per network chunk through the client', async () => {
    const bytes = Buffer.from(responseStreamSteps(['a', 'b']).join(''));
    s.sim.enqueue({ steps: [...bytes].map((b) => Uint8Array.of(b)) });
    assert.equal((await client(s.sim).chat(codex())).text, 'ab');
  });

  it('response.incomplete: max_output_tokens is finish reason length, others their reason', async () => {
    const incomplete = (reason: string) => responseEvent('response.incomplete', { response: responseObject('x', { status: 'incomplete', incomplete: reason }) });
    s.sim.enqueue(responseStreamScenario(['x'], { end: incomplete('max_output_tokens') }), responseStreamScenario(['x'], { end: incomplete('content_filter') }));
    assert.equal((await client(s.sim).chat(codex())).finishReason, 'length');
    assert.equal((await client(s.sim).chat(codex())).finishReason, 'content_filter');
  });

  it('response.failed and error events are in-band errors, classified like chat ones', async () => {
    const failed = responseEvent('response.failed', { response: responseObject('', { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'slow down' } }) });
    s.sim.enqueue(responseStreamScenario(['par'], { end: failed }));
    const e1 = await failure(client(s.sim).chat(codex()));
    assert.deepEqual([e1.kind, e1.partialText], ['rate_limit', 'par']);
    assert.equal(s.sim.requests.length, 1, 'not retried after visible text');
    s.sim.enqueue({ steps: [responseEvent('error', { code: 'server_error', message: `boom ${KEY}` })] }, responseStreamScenario(['ok']));
    const r = await client(s.sim).chat(codex());
    assert.equal(r.text, 'ok', 'an error before any text is retried');
    s.sim.enqueue({ steps: [responseEvent('error', { code: 'invalid_request_error', message: `bad ${KEY}` })] });
    const e2 = await failure(client(s.sim).chat(codex()));
    assert.equal(e2.kind, 'bad_request');
    assert.ok(!e2.message.includes(KEY));
  });

  it('a stream cut before response.completed is stream_interrupted, the text kept; unknown events ignored', async () => {
    s.sim.enqueue({ steps: [responseEvent('response.something_new', { x: 1 }), ...responseStreamSteps(['part'], { end: null }), { reset: true }] });
    const e = await failure(client(s.sim, { maxRetries: 0 }).chat(codex()));
    assert.deepEqual([e.kind, e.partialText], ['stream_interrupted', 'part']);
  });

  it('an idle gap is a timeout; cancelling is cancelled', async () => {
    s.sim.enqueue({ steps: [responseEvent('response.output_text.delta', { delta: 'a' }), { stall: true }] });
    const e = await failure(client(s.sim, { idleTimeoutMs: 100, maxRetries: 0 }).chat(codex()));
    assert.equal(e.kind, 'timeout');
    const abort = new AbortController();
    s.sim.enqueue({ steps: [responseEvent('response.output_text.delta', { delta: 'a' }), { stall: true }] });
    const cancelled = failure(client(s.sim).chat(codex({ signal: abort.signal, onDelta: () => abort.abort() })));
    assert.equal((await cancelled).kind, 'cancelled');
  });

  it('HTTP errors keep their kinds and retries (429 then success)', async () => {
    s.sim.enqueue(errorScenario(429, { message: 'slow', type: 'rate_limit_error' }), responseStreamScenario(['ok']));
    const r = await client(s.sim).chat(codex());
    assert.deepEqual([r.text, r.attempts], ['ok', 2]);
  });

  it('function calls stream as tool calls', async () => {
    s.sim.enqueue({
      steps: [
        responseEvent('response.output_item.added', { output_index: 0, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'read_file', arguments: '' } }),
        responseEvent('response.function_call_arguments.delta', { output_index: 0, delta: '{"path":' }),
        responseEvent('response.function_call_arguments.delta', { output_index: 0, delta: '"a.ts"}' }),
        responseEvent('response.output_item.done', { output_index: 0, item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' } }),
        responseEvent('response.completed', { response: responseObject('', { output: [] }) }),
      ],
    });
    const r = await client(s.sim).chat(codex({ tools: [{ name: 'read_file' }] }));
    assert.deepEqual(r.toolCalls, [{ index: 0, id: 'call_1', type: 'function', name: 'read_file', arguments: '{"path":"a.ts"}' }]);
    assert.equal(r.finishReason, 'tool_calls');
  });
});

describe('Responses API non-streaming', () => {
  const s = useSimulator();

  it('reads output[]: message text, reasoning summary, status', async () => {
    s.sim.enqueue(responseScenario('Hello', { reasoning: 'because', usage: { input_tokens: 10, output_tokens: 5 } }));
    const r = await client(s.sim).chat(codex({ stream: false }));
    assert.deepEqual([r.text, r.reasoning, r.finishReason, r.api, r.usage?.totalTokens], ['Hello', 'because', 'stop', 'responses', 15]);
    s.sim.enqueue(responseScenario('Hel', { status: 'incomplete', incomplete: 'max_output_tokens' }));
    assert.equal((await client(s.sim).chat(codex({ stream: false }))).finishReason, 'length');
  });

  it('a failed response is an in-band error; a body without output is protocol', async () => {
    s.sim.enqueue(responseScenario('', { status: 'failed', error: { code: 'server_error', message: 'oops' } }));
    assert.equal((await failure(client(s.sim, { maxRetries: 0 }).chat(codex({ stream: false })))).kind, 'server');
    s.sim.enqueue({ body: { id: 'x', object: 'response' } });
    assert.equal((await failure(client(s.sim, { maxRetries: 0 }).chat(codex({ stream: false })))).kind, 'protocol');
  });

  it('function_call items are tool calls', async () => {
    s.sim.enqueue(responseScenario('', { output: [{ type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' }] }));
    const r = await client(s.sim).chat(codex({ stream: false }));
    assert.deepEqual([r.toolCalls, r.finishReason], [[{ index: 0, id: 'c1', type: 'function', name: 'f', arguments: '{}' }], 'tool_calls']);
  });
});
