// Stream semantics over a real loopback socket: what a sequence of SSE events means to the client.
import { strict as assert } from 'node:assert';
import type { Delta } from '../../../src/core/relay';
import { DONE, chunk, sseEvent, streamScenario } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

const ev = sseEvent;

describe('relay streaming semantics', () => {
  const s = useSimulator();

  it('appends content deltas and reports each visible increment once, in order', async () => {
    s.sim.enqueue(streamScenario(['Hel', 'lo', ' there']));
    const deltas: Delta[] = [];
    const r = await client(s.sim).chat(ask('hi', { onDelta: (d) => deltas.push(d) }));
    assert.equal(r.text, 'Hello there');
    assert.deepEqual(deltas, [{ content: 'Hel' }, { content: 'lo' }, { content: ' there' }]);
    assert.equal(r.finishReason, 'stop');
    assert.notEqual(r.ttftMs, null);
  });

  it('ignores anything after data: [DONE]', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'a' })), DONE, ev(chunk({ content: 'b' })), 'garbage\n\n'] });
    const r = await client(s.sim).chat(ask());
    assert.equal(r.text, 'a');
  });

  it('handles events carrying event: message like unnamed ones', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'a' }), { event: 'message' }), ev(chunk({ finish: 'stop' })), DONE] });
    assert.equal((await client(s.sim).chat(ask())).text, 'a');
  });

  it('survives keep-alive comments between events', async () => {
    s.sim.enqueue({ steps: [': ping\n\n', ev(chunk({ content: 'a' })), ': ping\n\n', ': PROCESSING\n\n', ev(chunk({ content: 'b', finish: 'stop' })), DONE] });
    assert.equal((await client(s.sim).chat(ask())).text, 'ab');
  });

  it('decodes a BOM-prefixed stream split inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode('\uFEFF' + ev(chunk({ content: 'größe 世界' })) + ev(chunk({ finish: 'stop' })) + DONE);
    const steps = [];
    for (let i = 0; i < bytes.length; i += 3) steps.push(bytes.slice(i, i + 3));
    s.sim.enqueue({ steps });
    assert.equal((await client(s.sim).chat(ask())).text, 'größe 世界');
  });

  it('treats an event of type error as an in-band error and keeps the text so far', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'part' })), ev({ error: { type: 'overloaded_error', message: 'busy' } }, { event: 'error' })] });
    const e = await failure(client(s.sim).chat(ask()));
    assert.equal(e.kind, 'overloaded');
    assert.equal(e.partialText, 'part');
    assert.match(e.message, /busy/);
  });

  it('treats a truthy top-level error field as in-band and does not apply the rest of that event', async () => {
    const bad = { ...chunk({ content: 'NOT SHOWN' }), error: { type: 'rate_limit_error', message: 'later' } };
    s.sim.enqueue({ steps: [ev(chunk({ content: 'ok' })), ev(bad), ev(chunk({ content: 'after' })), DONE] });
    const e = await failure(client(s.sim).chat(ask('hi', { maxRetries: 0 })));
    assert.equal(e.kind, 'rate_limit');
    assert.equal(e.partialText, 'ok');
  });

  it('reads a non-JSON error event as an in-band server error', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'a' })), 'event: error\ndata: upstream failed\n\n'] });
    const e = await failure(client(s.sim).chat(ask()));
    assert.equal(e.kind, 'server');
    assert.match(e.message, /upstream failed/);
  });

  it('counts only choices with index 0 (or no index)', async () => {
    const noIndex = { choices: [{ delta: { content: 'b' } }] };
    s.sim.enqueue({ steps: [ev(chunk({ content: 'a' })), ev(chunk({ content: 'X', index: 1 })), ev(noIndex), ev(chunk({ finish: 'stop' })), DONE] });
    assert.equal((await client(s.sim).chat(ask())).text, 'ab');
  });

  it('accepts chunks with choices: [] (usage-only, annotations)', async () => {
    s.sim.enqueue({ steps: [ev({ choices: [] }), ev(chunk({ content: 'a', finish: 'stop' })), ev({ choices: [], prompt_filter_results: [] }), DONE] });
    assert.equal((await client(s.sim).chat(ask())).text, 'a');
  });

  it('adds nothing for null, empty or missing content and calls onDelta only for visible text', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ role: 'assistant', content: '' })), ev(chunk({ content: null })), ev(chunk({})), ev(chunk({ content: 'a', finish: 'stop' })), DONE] });
    const deltas: Delta[] = [];
    const r = await client(s.sim).chat(ask('hi', { onDelta: (d) => deltas.push(d) }));
    assert.equal(r.text, 'a');
    assert.deepEqual(deltas, [{ content: 'a' }]);
  });

  it('takes reasoning from reasoning_content, else reasoning, counted once', async () => {
    const both = { choices: [{ index: 0, delta: { reasoning_content: 'R1', reasoning: 'R1' } }] };
    s.sim.enqueue({ steps: [ev(both), ev(chunk({ reasoning: 'R2', reasoningField: 'reasoning' })), ev(chunk({ content: 'T', finish: 'stop' })), DONE] });
    const deltas: Delta[] = [];
    const r = await client(s.sim).chat(ask('hi', { onDelta: (d) => deltas.push(d) }));
    assert.equal(r.reasoning, 'R1R2');
    assert.equal(r.text, 'T');
    assert.deepEqual(deltas, [{ reasoning: 'R1' }, { reasoning: 'R2' }, { content: 'T' }]);
  });

  it('reports reasoning as null when none came', async () => {
    s.sim.enqueue(streamScenario(['a']));
    assert.equal((await client(s.sim).chat(ask())).reasoning, null);
  });

  it('keeps the last non-null finish_reason; a later null does not erase it', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'a', finish: 'length' })), ev(chunk({ finish: null })), DONE] });
    assert.equal((await client(s.sim).chat(ask())).finishReason, 'length');
  });

  it('keeps the last usage object', async () => {
    s.sim.enqueue({
      steps: [
        ev(chunk({ content: 'a', usage: { prompt_tokens: 1, completion_tokens: 1 } })),
        ev(chunk({ finish: 'stop' })),
        ev(chunk({ noChoices: true, usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } })),
        DONE,
      ],
    });
    assert.deepEqual((await client(s.sim).chat(ask())).usage, { promptTokens: 10, completionTokens: 20, totalTokens: 30, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it('merges tool-call deltas per index; tool_calls: [] is no call', async () => {
    const tc = (calls: unknown[]) => ev(chunk({ toolCalls: calls }));
    s.sim.enqueue({
      steps: [
        tc([]),
        tc([{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: '{"pa' } }]),
        tc([{ index: 1, id: 'call_2', type: 'function', function: { name: 'list', arguments: '' } }]),
        tc([{ index: 0, id: '', function: { name: '', arguments: 'th":1}' } }]),
        tc([{ index: 1, function: { arguments: '{}' } }]),
        ev(chunk({ finish: 'tool_calls' })),
        DONE,
      ],
    });
    const r = await client(s.sim).chat(ask());
    assert.deepEqual(r.toolCalls, [
      { index: 0, id: 'call_1', type: 'function', name: 'read', arguments: '{"path":1}' },
      { index: 1, id: 'call_2', type: 'function', name: 'list', arguments: '{}' },
    ]);
    assert.equal(r.finishReason, 'tool_calls');
  });

  describe('end of stream', () => {
    it('[DONE] without a finish reason is success', async () => {
      s.sim.enqueue({ steps: [ev(chunk({ content: 'a' })), DONE] });
      const r = await client(s.sim).chat(ask());
      assert.equal(r.text, 'a');
      assert.equal(r.finishReason, null);
    });

    it('a finish reason without [DONE] is success when the body ends', async () => {
      s.sim.enqueue(streamScenario(['a'], { done: false }));
      assert.equal((await client(s.sim).chat(ask())).text, 'a');
    });

    it('a finish reason is success even if the connection is then cut', async () => {
      s.sim.enqueue({ steps: [ev(chunk({ content: 'a', finish: 'stop' })), { reset: true }] });
      assert.equal((await client(s.sim).chat(ask())).text, 'a');
    });

    it('neither [DONE] nor finish reason is stream_interrupted, keeping the text', async () => {
      s.sim.enqueue({ steps: [ev(chunk({ content: 'half' }))] });
      const e = await failure(client(s.sim).chat(ask()));
      assert.equal(e.kind, 'stream_interrupted');
      assert.equal(e.partialText, 'half');
      assert.equal(e.attempts, 1, 'not retried after visible text');
    });

    it('a connection cut mid-stream is stream_interrupted, keeping the text', async () => {
      s.sim.enqueue({ steps: [ev(chunk({ content: 'half', reasoning: 'think' })), { reset: true }] });
      const e = await failure(client(s.sim).chat(ask()));
      assert.equal(e.kind, 'stream_interrupted');
      assert.equal(e.partialText, 'half');
      assert.equal(e.partialReasoning, 'think');
    });

    it('an unterminated last event is discarded', async () => {
      s.sim.enqueue({ steps: [ev(chunk({ content: 'a' })), `data: ${JSON.stringify(chunk({ content: 'b', finish: 'stop' }))}\n`] });
      const e = await failure(client(s.sim).chat(ask()));
      assert.equal(e.kind, 'stream_interrupted');
      assert.equal(e.partialText, 'a');
    });
  });

  describe('2xx answers that are not SSE', () => {
    it('an OpenAI-shaped error object is classified as in-band', async () => {
      s.sim.enqueue({ body: { error: { message: 'no such model', type: 'invalid_request_error', code: 'model_not_found' } } });
      const e = await failure(client(s.sim).chat(ask('hi', { fallbackModels: [] })));
      assert.equal(e.kind, 'not_found');
    });

    it('an HTML page (captive portal) is protocol', async () => {
      s.sim.enqueue({ headers: { 'content-type': 'text/html' }, body: '<html><body>Log in to the Wi-Fi</body></html>' });
      const e = await failure(client(s.sim).chat(ask()));
      assert.equal(e.kind, 'protocol');
      assert.equal(e.retryable, false);
    });
  });

  it('an idle gap longer than the idle timeout is timeout, keeping the text', async () => {
    s.sim.enqueue({ steps: [ev(chunk({ content: 'slow' })), { stall: true }] });
    const e = await failure(client(s.sim, { idleTimeoutMs: 100 }).chat(ask()));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.partialText, 'slow');
  });

  it('an exception thrown by onDelta propagates as is and ends the request', async () => {
    s.sim.enqueue(streamScenario(['a', 'b']));
    const boom = new Error('consumer failed');
    await assert.rejects(client(s.sim).chat(ask('hi', { onDelta: () => { throw boom; } })), (e) => e === boom);
  });
});
