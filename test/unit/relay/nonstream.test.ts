// The non-streaming path: body read whole, values from choices[0].message, protocol errors.
import { strict as assert } from 'node:assert';
import { completion, completionScenario, errorScenario } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

const once = (o = {}) => ask('hi', { stream: false, maxRetries: 0, fallbackModels: [], ...o });

describe('relay non-streaming', () => {
  const s = useSimulator();

  it('returns text, finish reason and usage from choices[0]', async () => {
    s.sim.enqueue(completionScenario('Hello', { prompt_tokens: 5, completion_tokens: 2 }));
    const r = await client(s.sim).chat(once());
    assert.equal(r.text, 'Hello');
    assert.equal(r.finishReason, 'stop');
    assert.deepEqual(r.usage, { promptTokens: 5, completionTokens: 2, totalTokens: 7, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    assert.equal(r.ttftMs, null);
    assert.equal(s.sim.requests[0].body.stream, false);
    assert.equal(s.sim.requests[0].body.stream_options, undefined);
  });

  it('accepts leading blank lines and a body split across writes', async () => {
    const body = '\n\n\r\n' + JSON.stringify(completion('split'));
    s.sim.enqueue({ headers: { 'content-type': 'application/json' }, steps: [body.slice(0, 10), body.slice(10, 30), body.slice(30)] });
    assert.equal((await client(s.sim).chat(once())).text, 'split');
  });

  it('treats content: null as ""', async () => {
    s.sim.enqueue({ body: completion(null) });
    assert.equal((await client(s.sim).chat(once())).text, '');
  });

  it('reads reasoning_content from the message', async () => {
    s.sim.enqueue({ body: completion('answer', undefined, 'stop', 'thinking') });
    assert.equal((await client(s.sim).chat(once())).reasoning, 'thinking');
  });

  it('a body that is not JSON is protocol', async () => {
    s.sim.enqueue({ body: 'OK' });
    assert.equal((await failure(client(s.sim).chat(once()))).kind, 'protocol');
  });

  it('a body without choices is protocol', async () => {
    s.sim.enqueue({ body: { id: 'x', choices: [] } });
    assert.equal((await failure(client(s.sim).chat(once()))).kind, 'protocol');
  });

  it('an error field that is not an object is protocol', async () => {
    s.sim.enqueue({ body: { error: 'something' } });
    assert.equal((await failure(client(s.sim).chat(once()))).kind, 'protocol');
  });

  it('a 2xx body with an error object is classified as in-band', async () => {
    s.sim.enqueue({ body: { error: { message: 'busy', type: 'overloaded_error' } } });
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'overloaded');
    assert.equal(e.status, null);
  });

  it('a 2xx Gemini-style [{error}] body is classified as in-band', async () => {
    s.sim.enqueue({ body: [{ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }] });
    assert.equal((await failure(client(s.sim).chat(once()))).kind, 'rate_limit');
  });

  it('an HTTP error status is classified from status and body, with its hint', async () => {
    s.sim.enqueue({ status: 429, headers: { 'retry-after-ms': '250' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } });
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'rate_limit');
    assert.equal(e.status, 429);
    assert.equal(e.retryAfterMs, 250);
    assert.equal(e.code, 'rate_limit_error');
  });

  it('the whole-request timeout applies to a body that never completes', async () => {
    s.sim.enqueue({ headers: { 'content-type': 'application/json' }, steps: ['{"choices":', { stall: true }] });
    const e = await failure(client(s.sim, { requestTimeoutMs: 100, idleTimeoutMs: 60_000 }).chat(once()));
    assert.equal(e.kind, 'timeout');
  });

  it("llama.cpp's 400 exceed_context_size_error is context_length (Trim History and Retry), not bad_request", async () => {
    s.sim.enqueue(errorScenario(400, { type: 'exceed_context_size_error', code: 400, message: 'the request exceeds the available context size' }));
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'context_length');
    assert.equal(e.retryable, false);
  });

  it('a 429 insufficient_balance is billing: not retried, plain words say so', async () => {
    s.sim.enqueue(errorScenario(429, { code: 'insufficient_balance', message: 'balance is 0' }, { 'retry-after': '1' }));
    const e = await failure(client(s.sim).chat(ask('hi', { stream: false, maxRetries: 3 })));
    assert.equal(e.kind, 'rate_limit');
    assert.equal(e.retryable, false);
    assert.match(e.message, /billing/);
    assert.equal(s.sim.requests.length, 1);
  });
});
