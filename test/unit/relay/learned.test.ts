// Learned rules: a 400 that names a parameter we sent is retried once without it and remembered
// per (relay origin, model); nothing else is retried for it.
import { strict as assert } from 'node:assert';
import { memoryRuleStore } from '../../../src/core/relay/learn';
import type { RecordedRequest } from '../../support/simulator';
import { startSimulator } from '../../support/simulator';
import { reasoningResponder } from '../../support/reasoningRelay';
import { responseScenario } from '../../support/responses';
import { completionScenario, errorScenario, streamScenario } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

const bodies = (requests: RecordedRequest[]) => requests.map((r) => r.body);

describe('learned parameter rules', () => {
  const s = useSimulator();

  it('an unknown reasoning model: one learning retry, the whole family rule remembered for the origin and model', async () => {
    s.sim.setResponder(reasoningResponder({ isReasoning: (m) => m === 'acme-reasoner' }));
    const rules = memoryRuleStore();
    const c = client(s.sim, { rules, maxRetries: 0 });
    const r = await c.chat(ask('hi', { model: 'acme-reasoner', stream: false, temperature: 0, maxTokens: 100 }));
    assert.equal(r.text, 'Echo: hi');
    assert.equal(r.attempts, 2, 'the learning retry is counted');
    const [first, second] = bodies(s.sim.requests);
    assert.deepEqual([first.temperature, first.max_tokens], [0, 100]);
    assert.deepEqual([second.temperature, second.max_tokens, second.max_completion_tokens], [undefined, undefined, 100]);
    // Later requests, also from another client sharing the store, are right the first time.
    await client(s.sim, { rules }).chat(ask('again', { model: 'acme-reasoner', stream: true, temperature: 0, maxTokens: 100 }));
    assert.equal(s.sim.requests.length, 3);
    assert.equal(s.sim.requests[2].body.max_completion_tokens, 100);
  });

  it('is scoped to the relay origin and the model: another origin or model does not inherit it', async () => {
    s.sim.setResponder(reasoningResponder({ isReasoning: (m) => m.startsWith('acme') }));
    const other = await startSimulator();
    other.setResponder(reasoningResponder({ isReasoning: (m) => m.startsWith('acme') }));
    try {
      const rules = memoryRuleStore();
      await client(s.sim, { rules }).chat(ask('a', { model: 'acme-1', stream: false, temperature: 0 }));
      assert.equal(s.sim.requests.length, 2);
      await client(s.sim, { rules }).chat(ask('b', { model: 'acme-2', stream: false, temperature: 0 }));
      assert.equal(s.sim.requests.length, 4, 'another model learns for itself');
      await client(other, { rules }).chat(ask('c', { model: 'acme-1', stream: false, temperature: 0 }));
      assert.equal(other.requests.length, 2, 'another origin learns for itself');
      assert.equal(other.requests[0].body.temperature, 0);
    } finally {
      await other.close();
    }
  });

  it('a parameter named only in the message is dropped too (one retry), a 400 naming nothing is not retried', async () => {
    const c = client(s.sim);
    s.sim.enqueue(errorScenario(400, { message: 'temperature is not supported by this model', type: 'invalid_request_error' }), completionScenario('ok'));
    const r = await c.chat(ask('hi', { stream: false, temperature: 0.3 }));
    assert.equal(r.attempts, 2);
    assert.equal(s.sim.requests[1].body.temperature, undefined);
    s.sim.enqueue(errorScenario(400, { message: 'Bad request: messages must alternate', type: 'invalid_request_error' }));
    const e = await failure(c.chat(ask('hi', { stream: false, temperature: 0.3, model: 'deepseek-v3.2' })));
    assert.equal(e.kind, 'bad_request');
    assert.equal(s.sim.requests.length, 3, 'no second request');
  });

  it('a message naming a parameter with a code that is no parameter error is not retried', async () => {
    s.sim.enqueue(errorScenario(400, { message: 'temperature sensors offline', type: 'content_policy_violation' }));
    const e = await failure(client(s.sim).chat(ask('hi', { stream: false, temperature: 0.3 })));
    assert.equal(e.kind, 'bad_request');
    assert.equal(s.sim.requests.length, 1);
  });

  it('stream_options is dropped only when the error names it (param or message)', async () => {
    s.sim.enqueue(errorScenario(400, { message: 'Invalid model name', type: 'invalid_request_error' }));
    const e = await failure(client(s.sim, { maxRetries: 0 }).chat(ask()));
    assert.equal(e.status, 400);
    assert.equal(s.sim.requests.length, 1, 'an unrelated 400 on a stream is sent once');
    s.sim.reset();
    s.sim.enqueue({ status: 400, body: { error: { message: 'Unknown field', type: 'invalid_request_error', param: 'stream_options' } } }, streamScenario(['a']), streamScenario(['b']));
    const c = client(s.sim, { maxRetries: 0 });
    assert.equal((await c.chat(ask())).attempts, 2);
    await c.chat(ask());
    assert.deepEqual(s.sim.requests.map((q) => q.body.stream_options !== undefined), [true, false, false]);
  });

  it('a 400 saying max_tokens is required gets one retry with an output budget, remembered', async () => {
    s.sim.setResponder((req) =>
      req.body.max_tokens === undefined ? errorScenario(400, { message: 'anthropic error: max_tokens: Field required', type: 'invalid_request_error' }) : completionScenario('ok'),
    );
    const c = client(s.sim, { maxRetries: 0, models: { 'claude-x': { maxOutputTokens: 4_000, promptCache: false } } });
    const r = await c.chat(ask('hi', { model: 'claude-x', stream: false }));
    assert.equal(r.attempts, 2);
    assert.equal(s.sim.requests[1].body.max_tokens, 4_000);
    await c.chat(ask('hi', { model: 'claude-x', stream: false }));
    assert.equal(s.sim.requests.length, 3);
    assert.equal(s.sim.requests[2].body.max_tokens, 4_000);
  });

  it('a relay that wants max_tokens where max_completion_tokens was sent gets it under that name', async () => {
    s.sim.setResponder((req) => (req.body.max_tokens === undefined ? errorScenario(400, { message: 'max_tokens: Field required', type: 'invalid_request_error' }) : completionScenario('ok')));
    const c = client(s.sim, { maxRetries: 0 });
    const r = await c.chat(ask('hi', { model: 'openai/o3', stream: false, maxTokens: 300 }));
    assert.equal(r.attempts, 2);
    assert.deepEqual([s.sim.requests[0].body.max_completion_tokens, s.sim.requests[1].body.max_tokens, s.sim.requests[1].body.max_completion_tokens], [300, 300, undefined]);
  });

  it('a relay that rejects both budget names gets none, instead of switching back and forth', async () => {
    s.sim.setResponder((req) => {
      const p = ['max_completion_tokens', 'max_tokens'].find((k) => req.body[k] !== undefined);
      return p ? { status: 400, body: { error: { message: `Unrecognized request argument supplied: ${p}`, type: 'invalid_request_error', param: p } } } : completionScenario('ok');
    });
    const c = client(s.sim, { maxRetries: 0 });
    assert.equal((await c.chat(ask('hi', { model: 'o3', stream: false, maxTokens: 10 }))).attempts, 3);
    assert.equal((await c.chat(ask('hi', { model: 'o3', stream: false, maxTokens: 10 }))).attempts, 1);
    assert.deepEqual(s.sim.requests.map((q) => Object.keys(q.body).filter((k) => k.startsWith('max'))), [['max_completion_tokens'], ['max_tokens'], [], []]);
  });

  it('a relay rejecting cache_control gets one retry without the marks, remembered', async () => {
    s.sim.setResponder((req) =>
      JSON.stringify(req.body.messages).includes('cache_control')
        ? { status: 400, body: { error: { message: 'messages.0.content.0: Extra inputs are not permitted: cache_control', type: 'invalid_request_error', param: 'messages[0].content[0].cache_control' } } }
        : completionScenario('ok'),
    );
    const c = client(s.sim, { maxRetries: 0 });
    const messages = [{ role: 'system' as const, content: 'rules' }, { role: 'user' as const, content: 'hi' }];
    assert.equal((await c.chat(ask('', { model: 'claude-sonnet-4.5', stream: false, messages }))).attempts, 2);
    assert.deepEqual(s.sim.requests[1].body.messages, [{ role: 'system', content: 'rules' }, { role: 'user', content: 'hi' }]);
    await c.chat(ask('', { model: 'claude-sonnet-4.5', stream: false, messages }));
    assert.equal(s.sim.requests.length, 3);
  });

  it('a relay that takes only string content answers the cache_control parts with a content error: one retry without them', async () => {
    s.sim.setResponder((req) =>
      Array.isArray(req.body.messages[0].content) ? errorScenario(400, { message: 'messages[0].content: Input should be a valid string', type: 'invalid_request_error' }) : completionScenario('ok'),
    );
    const r = await client(s.sim, { maxRetries: 0 }).chat(ask('', { model: 'claude-sonnet-4.5', stream: false, messages: [{ role: 'system', content: 'rules' }, { role: 'user', content: 'hi' }] }));
    assert.equal(r.attempts, 2);
    assert.equal(s.sim.requests[1].body.messages[0].content, 'rules');
  });

  it('switches to the Responses API when the relay says the model is only supported there, remembered', async () => {
    s.sim.setResponder(reasoningResponder({ isResponsesOnly: (m) => m === 'acme-special' }));
    const c = client(s.sim, { maxRetries: 0 });
    const r = await c.chat(ask('hi', { model: 'acme-special', stream: true }));
    assert.equal(r.api, 'responses');
    assert.equal(r.text, 'Echo: hi');
    assert.equal(r.attempts, 2);
    assert.deepEqual(s.sim.requests.map((q) => q.path), ['/v1/chat/completions', '/v1/responses']);
    await c.chat(ask('hi', { model: 'acme-special', stream: false }));
    assert.equal(s.sim.requests[2].path, '/v1/responses');
  });

  it('learning retries do not spend the retry budget; nothing is retried after visible text', async () => {
    s.sim.enqueue(errorScenario(400, { message: "'temperature' unsupported", type: 'invalid_request_error' }), errorScenario(503, { message: 'busy' }), streamScenario(['ok']));
    const r = await client(s.sim, { maxRetries: 1 }).chat(ask('hi', { temperature: 0.1 }));
    assert.equal(r.attempts, 3);
    s.sim.reset();
    s.sim.enqueue({ steps: [`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hel' } }] })}\n\n`, `data: ${JSON.stringify({ error: { message: "'temperature' unsupported", type: 'invalid_request_error', code: 400 } })}\n\n`] });
    const e = await failure(client(s.sim).chat(ask('hi', { temperature: 0.1 })));
    assert.equal(e.partialText, 'Hel');
    assert.equal(s.sim.requests.length, 1);
  });

  it('concurrent requests on an unknown model: one wave while learning, then the rule is used', async () => {
    s.sim.setResponder(reasoningResponder({ isReasoning: (m) => m === 'acme-reasoner' }));
    const c = client(s.sim, { maxRetries: 0 });
    const send = () => c.chat(ask('x', { model: 'acme-reasoner', stream: false, temperature: 0, boundedOutput: true }));
    await Promise.all([send(), send(), send()]);
    assert.equal(s.sim.requests.length, 6, 'the first wave: one learning retry each');
    await Promise.all([send(), send(), send(), send()]);
    assert.equal(s.sim.requests.length, 10, 'started after the rule is learned: one request each');
  });

  it('persists in the given store (the extension passes its globalState)', async () => {
    const saved = new Map<string, unknown>();
    const store = { get: <T>(k: string) => saved.get(k) as T | undefined, update: async (k: string, v: unknown) => void saved.set(k, JSON.parse(JSON.stringify(v))) };
    s.sim.setResponder(reasoningResponder({ isReasoning: (m) => m === 'acme' }));
    await client(s.sim, { rules: store }).chat(ask('x', { model: 'acme', stream: false, maxTokens: 5 }));
    const [key, value] = [...saved.entries()][0];
    assert.match(key, /^relayAssistant\.learnedRules:http:\/\/127\.0\.0\.1:\d+\|acme$/);
    assert.deepEqual(value, { drop: [], budgetField: 'max_completion_tokens', reasoning: true });
  });
});

describe('learned wire', () => {
  const s = useSimulator();
  it('a 404 "only supported in v1/responses" switches too', async () => {
    s.sim.enqueue(errorScenario(404, { message: 'This model is only supported in v1/responses and not in v1/chat/completions.', type: 'invalid_request_error' }), responseScenario('done'));
    const r = await client(s.sim, { maxRetries: 0 }).chat(ask('hi', { model: 'mystery', stream: false }));
    assert.deepEqual([r.api, r.text], ['responses', 'done']);
  });
});
