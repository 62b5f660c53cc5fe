// Parameters per model family (relay-protocol.md, "Models of 2025–2026"): right on the first request.
import { strict as assert } from 'node:assert';
import { boundedBudget, isPromptCacheModel, isReasoningModel, isResponsesOnly } from '../../../src/core/models/params';
import { maxOutputOf } from '../../../src/core/models/limits';
import { responseScenario } from '../../support/responses';
import { completionScenario } from '../../support/sse';
import { ask, client, useSimulator } from './helpers';

describe('model families', () => {
  it('knows OpenAI reasoning models, also behind a provider prefix, not the -chat ones', () => {
    for (const id of ['o1', 'o1-mini', 'o3', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5.1', 'openai/gpt-5', 'azure/o3', 'GPT-5-Nano']) assert.ok(isReasoningModel(id), id);
    for (const id of ['gpt-5-chat-latest', 'openai/gpt-5-chat', 'gpt-4.1', 'gpt-4o', 'o10-preview', 'claude-opus-4.1', 'deepseek-r1', 'llama3.2']) assert.ok(!isReasoningModel(id), id);
  });

  it('knows the Responses-only models', () => {
    for (const id of ['gpt-5-codex', 'gpt-5.1-codex-max', 'codex-mini-latest', 'openai/gpt-5-pro', 'o1-pro', 'o3-pro-2025-06-10']) assert.ok(isResponsesOnly(id), id);
    for (const id of ['gpt-5', 'o3', 'gpt-4.1']) assert.ok(!isResponsesOnly(id), id);
  });

  it('knows the Claude models that take cache_control', () => {
    for (const id of ['claude-sonnet-4.5', 'claude', 'anthropic/claude-opus-4.1', 'bedrock/claude-haiku-4.5']) assert.ok(isPromptCacheModel(id), id);
    for (const id of ['gpt-5', 'deepseek-v3.2']) assert.ok(!isPromptCacheModel(id), id);
  });

  it('sizes a bounded budget from the model output limit, reasoning room on top within the limit', () => {
    assert.equal(boundedBudget('gpt-4.1', false), Math.min(maxOutputOf('gpt-4.1'), 16_384));
    assert.equal(boundedBudget('big', true, { big: { maxOutputTokens: 100_000, contextWindow: 400_000 } }), 16_384 + 32_768);
    assert.equal(boundedBudget('small', true, { small: { maxOutputTokens: 4_000 } }), 4_000);
  });
});

describe('request body per family', () => {
  const s = useSimulator();
  const body = async (model: string, o: Parameters<typeof ask>[1] = {}, opts: Parameters<typeof client>[1] = {}) => {
    s.sim.reset();
    s.sim.setResponder((req) => (req.path.endsWith('/responses') ? responseScenario('ok') : completionScenario('ok')));
    const r = await client(s.sim, opts).chat(ask('hi', { model, stream: false, ...o }));
    assert.equal(s.sim.requests.length, 1, `${model}: one request`);
    return { body: s.sim.requests[0].body, path: s.sim.requests[0].path, result: r };
  };

  it('reasoning models: max_completion_tokens, no temperature, reasoning_effort only when set', async () => {
    for (const model of ['gpt-5', 'openai/gpt-5', 'azure/o3', 'o4-mini']) {
      const { body: b } = await body(model, { maxTokens: 100, temperature: 0 });
      assert.deepEqual(b, { model, messages: [{ role: 'user', content: 'hi' }], stream: false, max_completion_tokens: 100 }, model);
    }
    assert.equal((await body('gpt-5', { reasoningEffort: 'low' })).body.reasoning_effort, 'low');
    assert.equal((await body('gpt-5', {}, { models: { 'gpt-5': { reasoningEffort: 'high' } } })).body.reasoning_effort, 'high');
    assert.equal((await body('gpt-5', { reasoningEffort: 'minimal' }, { models: { 'gpt-5': { reasoningEffort: 'high' } } })).body.reasoning_effort, 'minimal');
  });

  it('other models: max_tokens and temperature as asked, no reasoning_effort unless set', async () => {
    for (const model of ['gpt-5-chat-latest', 'gpt-4.1', 'deepseek-v3.2']) {
      const { body: b } = await body(model, { maxTokens: 100, temperature: 0 });
      assert.deepEqual(b, { model, messages: [{ role: 'user', content: 'hi' }], stream: false, max_tokens: 100, temperature: 0 }, model);
    }
  });

  it('a per-model setting turns the reasoning rules on or off', async () => {
    const on = await body('acme-reasoner', { maxTokens: 10, temperature: 0 }, { models: { 'acme-reasoner': { reasoning: true } } });
    assert.deepEqual([on.body.max_completion_tokens, on.body.temperature, on.body.max_tokens], [10, undefined, undefined]);
    const off = await body('o3', { maxTokens: 10, temperature: 0 }, { models: { o3: { reasoning: false } } });
    assert.deepEqual([off.body.max_tokens, off.body.temperature], [10, 0]);
  });

  it('bounded requests always carry an output budget sized from the model table', async () => {
    assert.equal((await body('gpt-4.1', { boundedOutput: true })).body.max_tokens, boundedBudget('gpt-4.1', false));
    assert.equal((await body('acme', { boundedOutput: true }, { models: { acme: { maxOutputTokens: 2_000 } } })).body.max_tokens, 2_000);
    const r = await body('gpt-5', { boundedOutput: true }, { models: { 'gpt-5': { maxOutputTokens: 128_000, contextWindow: 400_000 } } });
    assert.equal(r.body.max_completion_tokens, 16_384 + 32_768);
    assert.equal((await body('gpt-4.1', { boundedOutput: true, maxTokens: 77 })).body.max_tokens, 77);
    assert.equal((await body('gpt-4.1')).body.max_tokens, undefined, 'unbounded chat sends no budget');
    const small = await body('local', { boundedOutput: true, messages: [{ role: 'user', content: 'x'.repeat(4 * 6_000) }] }, { models: { local: { contextWindow: 8_192 } } });
    assert.equal(small.body.max_tokens, 8_192 - 6_000, 'within what the context window leaves after the prompt');
  });

  it('Responses-only models and api: "responses" go to /responses', async () => {
    const codex = await body('gpt-5-codex', { maxTokens: 50, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }] });
    assert.equal(codex.path, '/v1/responses');
    assert.deepEqual(codex.body, { model: 'gpt-5-codex', input: [{ role: 'user', content: 'hi' }], instructions: 'be brief', stream: false, store: false, max_output_tokens: 50, reasoning: { summary: 'auto' } });
    const set = await body('gpt-4.1', { temperature: 0.5, reasoningEffort: 'low' }, { models: { 'gpt-4.1': { api: 'responses' } } });
    assert.equal(set.path, '/v1/responses');
    assert.deepEqual(set.body, { model: 'gpt-4.1', input: [{ role: 'user', content: 'hi' }], stream: false, store: false, temperature: 0.5, reasoning: { effort: 'low' } });
    const pro = await body('o3-pro', { reasoningEffort: 'high' });
    assert.deepEqual(pro.body.reasoning, { effort: 'high', summary: 'auto' });
    const back = await body('gpt-5-codex', {}, { models: { 'gpt-5-codex': { api: 'chat' } } });
    assert.equal(back.path, '/v1/chat/completions');
  });

  it('Claude models: the system prompt and the last user turn carry cache_control parts (switch promptCache)', async () => {
    const messages = [
      { role: 'system' as const, content: 'rules' },
      { role: 'user' as const, content: 'first' },
      { role: 'assistant' as const, content: 'answer' },
      { role: 'user' as const, content: 'second' },
    ];
    const eph = { type: 'ephemeral' };
    const { body: b } = await body('anthropic/claude-sonnet-4.5', { messages });
    assert.deepEqual(b.messages, [
      { role: 'system', content: [{ type: 'text', text: 'rules', cache_control: eph }] },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer' },
      { role: 'user', content: [{ type: 'text', text: 'second', cache_control: eph }] },
    ]);
    const off = await body('claude-sonnet-4.5', { messages }, { models: { 'claude-sonnet-4.5': { promptCache: false } } });
    assert.deepEqual(off.body.messages.map((m: { content: unknown }) => m.content), ['rules', 'first', 'answer', 'second']);
    const on = await body('my-proxy-model', { messages }, { models: { 'my-proxy-model': { promptCache: true } } });
    assert.deepEqual(on.body.messages[0].content, [{ type: 'text', text: 'rules', cache_control: eph }]);
  });
});
