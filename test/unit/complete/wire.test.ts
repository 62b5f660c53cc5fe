// The completions / infill wires over the simulator: exact request bodies per wire, streamed and
// whole answers, usage and cost, errors, no retries by default, and an abort that closes the socket.
import * as assert from 'node:assert/strict';
import type { CompletionRequest } from '../../../src/core/relay';
import { infillUrl } from '../../../src/core/relay/complete';
import { sseEvent } from '../../support/sse';
import { client, failure, useSimulator } from '../relay/helpers';

const h = useSimulator();

function req(o: Partial<CompletionRequest> = {}): CompletionRequest {
  return { model: 'qwen2.5-coder:7b', api: 'fim', prompt: 'const a = ', suffix: ';\n', maxTokens: 32, temperature: 0.1, stop: ['\n'], stream: false, ...o };
}

const textChunk = (text: string, finish: string | null = null) => sseEvent({ choices: [{ index: 0, text, finish_reason: finish }] });

describe('complete: the completions / infill wires', () => {
  it('fim: POST {baseUrl}/completions with prompt, suffix, max_tokens, temperature, stop, stream', async () => {
    h.sim.enqueue({ body: { choices: [{ index: 0, text: '42', finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 1 } } });
    const res = await client(h.sim).complete(req());
    const r = h.sim.requests[0];
    assert.equal(r.path, '/v1/completions');
    assert.deepEqual(r.body, { model: 'qwen2.5-coder:7b', prompt: 'const a = ', suffix: ';\n', max_tokens: 32, temperature: 0.1, stop: ['\n'], stream: false });
    assert.equal(res.text, '42');
    assert.equal(res.finishReason, 'stop');
    assert.deepEqual([res.usage?.promptTokens, res.usage?.completionTokens], [5, 1]);
    assert.equal(res.api, 'fim');
    assert.equal(res.attempts, 1);
  });

  it('codestral: POST {baseUrl}/fim/completions, chat-shaped answer (message / delta content)', async () => {
    h.sim.enqueue({ steps: [sseEvent({ choices: [{ index: 0, delta: { content: 'fo' } }] }), sseEvent({ choices: [{ index: 0, delta: { content: 'o' }, finish_reason: 'stop' }] }), sseEvent('[DONE]')] });
    const deltas: string[] = [];
    const res = await client(h.sim).complete(req({ model: 'codestral-latest', api: 'codestral', stream: true, onDelta: (t) => deltas.push(t) }));
    assert.equal(h.sim.requests[0].path, '/v1/fim/completions');
    assert.deepEqual(h.sim.requests[0].body, { model: 'codestral-latest', prompt: 'const a = ', suffix: ';\n', max_tokens: 32, temperature: 0.1, stop: ['\n'], stream: true });
    assert.equal(res.text, 'foo');
    assert.deepEqual(deltas, ['fo', 'o']);
  });

  it('template: POST /completions with the raw prompt, the stop tokens and raw: true (no suffix)', async () => {
    h.sim.enqueue({ steps: [textChunk('x'), textChunk('y', 'stop'), sseEvent({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 2 } }), sseEvent('[DONE]')] });
    const res = await client(h.sim).complete(req({ api: 'template', prompt: '<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>', suffix: undefined, stop: ['<|endoftext|>'], stream: true }));
    assert.deepEqual(h.sim.requests[0].body, { model: 'qwen2.5-coder:7b', prompt: '<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>', max_tokens: 32, temperature: 0.1, stop: ['<|endoftext|>'], stream: true, raw: true });
    assert.equal(res.text, 'xy');
    assert.equal(res.usage?.promptTokens, 9);
  });

  it('infill: llama.cpp POST {origin}/infill with input_prefix, input_suffix, input_extra, n_predict; `content` chunks end with stop: true', async () => {
    h.sim.enqueue({ steps: [sseEvent({ content: 'ret', stop: false }), sseEvent({ content: 'urn 1;', stop: false }), sseEvent({ content: '', stop: true, tokens_evaluated: 40, tokens_predicted: 3 })] });
    const res = await client(h.sim).complete(req({ api: 'infill', stream: true, extra: [{ filename: 'src/b.ts', text: 'export const b = 1;' }] }));
    const r = h.sim.requests[0];
    assert.equal(r.path, '/infill');
    assert.deepEqual(r.body, { input_prefix: 'const a = ', input_suffix: ';\n', input_extra: [{ filename: 'src/b.ts', text: 'export const b = 1;' }], n_predict: 32, stream: true, cache_prompt: true, temperature: 0.1, stop: ['\n'] });
    assert.equal(res.text, 'return 1;');
    assert.equal(res.finishReason, 'stop');
    assert.deepEqual([res.usage?.promptTokens, res.usage?.completionTokens], [40, 3]);
    assert.equal(infillUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080/infill');
  });

  it('counts cost from usage at the model price (deepseek-v3.2)', async () => {
    h.sim.enqueue({ body: { choices: [{ index: 0, text: 'x', finish_reason: 'stop' }], usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } } });
    const res = await client(h.sim).complete(req({ model: 'deepseek-v3.2' }));
    assert.equal(res.costUsd, 0.28);
    assert.equal(res.costEstimated, false);
  });

  it('a 404 is a not_found error at once: no retry by default', async () => {
    h.sim.enqueue({ status: 404, body: { error: { message: 'no such route' } } }, { status: 503, body: {} });
    const err = await failure(client(h.sim).complete(req()));
    assert.equal(err.status, 404);
    assert.equal(h.sim.requests.length, 1);
  });

  it('a 503 is not retried unless maxRetries asks', async () => {
    h.sim.enqueue({ status: 503, body: {} }, { body: { choices: [{ index: 0, text: 'ok', finish_reason: 'stop' }] } });
    await failure(client(h.sim).complete(req()));
    assert.equal(h.sim.requests.length, 1);
    h.sim.enqueue({ status: 503, body: {} }, { body: { choices: [{ index: 0, text: 'ok', finish_reason: 'stop' }] } });
    const res = await client(h.sim).complete(req({ maxRetries: 1 }));
    assert.equal(res.text, 'ok');
  });

  it('an abort mid-stream rejects with `cancelled` and closes the socket', async () => {
    let release!: () => void;
    h.sim.enqueue({ steps: [textChunk('par'), { until: new Promise<void>((r) => (release = r)) }, textChunk('t', 'stop'), sseEvent('[DONE]')] });
    const controller = new AbortController();
    const seen = new Promise<void>((resolve) => {
      const p = client(h.sim).complete(req({ stream: true, signal: controller.signal, onDelta: () => resolve() }));
      void failure(p).then((e) => (outcome = e.kind));
    });
    let outcome = '';
    await seen;
    const closed = h.sim.waitForClose();
    controller.abort();
    await closed;
    release();
    assert.equal(h.sim.socketsClosed, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(outcome, 'cancelled');
  });

  it('a stream that ends without a finish is stream_interrupted', async () => {
    h.sim.enqueue({ steps: [textChunk('a'), { end: true }] });
    const err = await failure(client(h.sim).complete(req({ stream: true })));
    assert.equal(err.kind, 'stream_interrupted');
  });
});
