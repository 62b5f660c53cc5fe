// Retry policy, cancellation during waits, the stream_options downgrade and the fallback chain.
import { strict as assert } from 'node:assert';
import { backoffDelay, type RetryInfo } from '../../../src/core/relay';
import { DONE, chunk, completionScenario, errorScenario, sseEvent, streamScenario } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

describe('relay backoffDelay', () => {
  const fixed = (r: number) => () => r;

  it('uses full jitter under a ceiling that starts at the base and doubles', () => {
    assert.equal(backoffDelay(1, null, { baseMs: 500, random: fixed(0.5) }), 250);
    assert.equal(backoffDelay(1, null, { baseMs: 500, random: fixed(1) }), 500);
    assert.equal(backoffDelay(3, null, { baseMs: 500, random: fixed(1) }), 2000);
    assert.equal(backoffDelay(2, null, { baseMs: 500, random: fixed(0) }), 0);
  });

  it('treats the server hint as a floor', () => {
    assert.equal(backoffDelay(1, { retryAfterMs: 3000 }, { random: fixed(0.1) }), 3000);
    assert.equal(backoffDelay(5, { retryAfterMs: 100 }, { baseMs: 500, random: fixed(1) }), 8000);
  });

  it('caps every wait, hint included', () => {
    assert.equal(backoffDelay(30, null, { maxWaitMs: 60_000, random: fixed(1) }), 60_000);
    assert.equal(backoffDelay(1, { retryAfterMs: 3_600_000 }, { maxWaitMs: 60_000, random: fixed(0) }), 60_000);
  });

  it('defaults to a 500 ms base and a 60 s cap', () => {
    assert.equal(backoffDelay(1, null, { random: fixed(1) }), 500);
    assert.equal(backoffDelay(40, null, { random: fixed(1) }), 60_000);
  });
});

describe('relay retries', () => {
  const s = useSimulator();

  it('retries a retryable status, reporting each wait through onRetry', async () => {
    s.sim.enqueue(errorScenario(429, { type: 'rate_limit_error' }, { 'retry-after-ms': '3' }), errorScenario(503, {}), completionScenario('ok'));
    const retries: RetryInfo[] = [];
    const r = await client(s.sim, { random: () => 0 }).chat(ask('hi', { stream: false, onRetry: (i) => retries.push(i) }));
    assert.equal(r.text, 'ok');
    assert.equal(r.attempts, 3);
    assert.deepEqual(retries.map((i) => [i.attempt, i.error.kind, i.delayMs, i.model]), [
      [1, 'rate_limit', 3, 'gpt-4.1'],
      [2, 'server', 0, 'gpt-4.1'],
    ]);
  });

  it('stops after the bounded number of attempts', async () => {
    s.sim.setResponder(() => errorScenario(500, { message: 'boom' }));
    const e = await failure(client(s.sim, { maxRetries: 2 }).chat(ask('hi', { stream: false })));
    assert.equal(e.kind, 'server');
    assert.equal(e.attempts, 3);
    assert.equal(s.sim.requests.length, 3);
  });

  it('honours a per-call maxRetries', async () => {
    s.sim.setResponder(() => errorScenario(500, {}));
    const e = await failure(client(s.sim, { maxRetries: 5 }).chat(ask('hi', { maxRetries: 0 })));
    assert.equal(e.attempts, 1);
  });

  it('does not retry a non-retryable error', async () => {
    s.sim.enqueue(errorScenario(401, { message: 'bad key' }), completionScenario('never'));
    const e = await failure(client(s.sim).chat(ask('hi', { stream: false })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.attempts, 1);
  });

  it('does not retry insufficient_quota', async () => {
    s.sim.enqueue(errorScenario(429, { type: 'insufficient_quota' }), completionScenario('never'));
    const e = await failure(client(s.sim).chat(ask('hi', { stream: false })));
    assert.equal(e.attempts, 1);
    assert.equal(e.retryable, false);
  });

  it('retries a stream cut before its first visible token', async () => {
    s.sim.enqueue({ steps: [sseEvent(chunk({ role: 'assistant' })), { reset: true }] }, streamScenario(['fresh']));
    const r = await client(s.sim).chat(ask());
    assert.equal(r.text, 'fresh');
    assert.equal(r.attempts, 2);
  });

  it('retries an in-band error that arrives before any visible token', async () => {
    s.sim.enqueue({ steps: [sseEvent({ error: { type: 'overloaded_error', message: 'busy' } })] }, streamScenario(['ok']));
    const r = await client(s.sim).chat(ask());
    assert.equal(r.text, 'ok');
    assert.equal(r.attempts, 2);
  });

  it('never retries a stream after its first visible token', async () => {
    s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'seen' })), { reset: true }] }, streamScenario(['duplicate']));
    const shown: string[] = [];
    const e = await failure(client(s.sim).chat(ask('hi', { onDelta: (d) => shown.push(d.content ?? '') })));
    assert.equal(e.kind, 'stream_interrupted');
    assert.equal(e.attempts, 1);
    assert.deepEqual(shown, ['seen']);
    assert.equal(s.sim.requests.length, 1);
  });

  it('lets cancellation end a retry wait at once', async () => {
    s.sim.enqueue(errorScenario(429, {}, { 'retry-after': '3600' }), completionScenario('never'));
    const ac = new AbortController();
    const c = client(s.sim, { maxRetryWaitMs: 3_600_000 });
    const e = await failure(c.chat(ask('hi', { signal: ac.signal, onRetry: () => setImmediate(() => ac.abort()) })));
    assert.equal(e.kind, 'cancelled');
    assert.equal(s.sim.requests.length, 1);
  });
});

describe('relay stream_options', () => {
  const s = useSimulator();

  it('sends stream_options.include_usage on streaming requests', async () => {
    s.sim.enqueue(streamScenario(['a']));
    await client(s.sim).chat(ask());
    assert.deepEqual(s.sim.requests[0].body.stream_options, { include_usage: true });
  });

  it('retries once without it on 400/422 and remembers that per model', async () => {
    s.sim.enqueue(errorScenario(400, { message: 'Unrecognized request argument: stream_options' }), streamScenario(['a']), streamScenario(['b']), streamScenario(['c']));
    const c = client(s.sim, { maxRetries: 0 });
    const r = await c.chat(ask());
    assert.equal(r.text, 'a');
    assert.equal(r.attempts, 2);
    await c.chat(ask());
    await c.chat(ask('hi', { model: 'deepseek-v3.2' }));
    assert.deepEqual(s.sim.requests.map((q) => q.body.stream_options !== undefined), [true, false, false, true]);
  });

  it('is never sent when the model override turns it off', async () => {
    s.sim.enqueue(streamScenario(['a']));
    await client(s.sim, { models: { 'gpt-4.1': { streamOptions: false } } }).chat(ask('hi', { model: 'gpt4' }));
    assert.equal(s.sim.requests[0].body.stream_options, undefined);
  });
});

describe('relay fallback', () => {
  const s = useSimulator();
  const byModel = (answers: Record<string, () => ReturnType<typeof completionScenario>>) => s.sim.setResponder((req) => answers[req.body.model]());

  it('tries the next model when the first is not found; the result says which answered', async () => {
    byModel({ 'gpt-4.1': () => errorScenario(404, { code: 'model_not_found' }), 'deepseek-v3.2': () => completionScenario('from deepseek') });
    const r = await client(s.sim, { fallbackModels: ['deepseek'] }).chat(ask('hi', { stream: false }));
    assert.equal(r.model, 'deepseek-v3.2');
    assert.equal(r.text, 'from deepseek');
    assert.equal(r.attempts, 2);
  });

  it('falls back at once on overloaded', async () => {
    byModel({ 'gpt-4.1': () => errorScenario(529, { type: 'overloaded_error' }), 'claude-sonnet-4.5': () => completionScenario('ok') });
    const r = await client(s.sim, { fallbackModels: ['claude'], maxRetries: 3 }).chat(ask('hi', { stream: false }));
    assert.equal(r.model, 'claude-sonnet-4.5');
    assert.equal(r.attempts, 2);
  });

  it('falls back after retries are exhausted, counting every attempt', async () => {
    byModel({ 'gpt-4.1': () => errorScenario(500, {}), 'gemini-2.5-flash': () => completionScenario('ok') });
    const r = await client(s.sim, { fallbackModels: ['gemini'], maxRetries: 2 }).chat(ask('hi', { stream: false }));
    assert.equal(r.model, 'gemini-2.5-flash');
    assert.equal(r.attempts, 4);
  });

  it('does not fall back on a non-retryable error such as auth', async () => {
    byModel({ 'gpt-4.1': () => errorScenario(401, {}), 'deepseek-v3.2': () => completionScenario('never') });
    const e = await failure(client(s.sim, { fallbackModels: ['deepseek'] }).chat(ask('hi', { stream: false })));
    assert.equal(e.kind, 'auth');
    assert.equal(e.model, 'gpt-4.1');
  });

  it('reports the last model tried when the whole chain fails', async () => {
    s.sim.setResponder(() => errorScenario(404, {}));
    const e = await failure(client(s.sim, { fallbackModels: ['deepseek', 'claude'] }).chat(ask('hi', { stream: false })));
    assert.equal(e.model, 'claude-sonnet-4.5');
    assert.equal(e.attempts, 3);
  });

  it('a per-call [] disables the chain', async () => {
    s.sim.setResponder(() => errorScenario(404, {}));
    const e = await failure(client(s.sim, { fallbackModels: ['deepseek'] }).chat(ask('hi', { fallbackModels: [] })));
    assert.equal(e.attempts, 1);
  });

  it('does not fall back once a stream has shown text', async () => {
    s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'seen' })), sseEvent({ error: { type: 'overloaded_error' } })] }, streamScenario(['other']));
    const e = await failure(client(s.sim, { fallbackModels: ['deepseek'] }).chat(ask()));
    assert.equal(e.kind, 'overloaded');
    assert.equal(e.partialText, 'seen');
    assert.equal(s.sim.requests.length, 1);
  });

  it('streams from the fallback model', async () => {
    s.sim.enqueue(errorScenario(404, {}), { steps: [sseEvent(chunk({ content: 'x', finish: 'stop' })), DONE] });
    const r = await client(s.sim, { fallbackModels: ['deepseek'] }).chat(ask());
    assert.equal(r.text, 'x');
    assert.equal(r.model, 'deepseek-v3.2');
  });
});
