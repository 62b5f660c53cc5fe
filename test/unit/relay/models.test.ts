// Aliases, the price table, context windows, token estimates and cost on results.
import { strict as assert } from 'node:assert';
import { contextWindowOf, costOf, estimateTokens, priceOf, resolveModel } from '../../../src/core/relay';
import { chunk, completionScenario, errorScenario, sseEvent, streamScenario } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

describe('relay models and cost', () => {
  it('resolves aliases and passes unknown models through', () => {
    assert.equal(resolveModel('gpt4'), 'gpt-4.1');
    assert.equal(resolveModel('gpt-4'), 'gpt-4.1');
    assert.equal(resolveModel('claude'), 'claude-sonnet-4.5');
    assert.equal(resolveModel('gemini'), 'gemini-2.5-flash');
    assert.equal(resolveModel('deepseek'), 'deepseek-v3.2');
    assert.equal(resolveModel('qwen3-coder'), 'qwen3-coder');
  });

  it('has the built-in price table, overridable per model; unknown is null', () => {
    assert.deepEqual(priceOf('gpt-4.1'), { input: 2, cachedInput: 0.5, output: 8 });
    assert.deepEqual(priceOf('claude'), { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 });
    assert.deepEqual(priceOf('gemini-2.5-flash'), { input: 0.3, cachedInput: 0.03, output: 2.5 });
    assert.deepEqual(priceOf('deepseek-v3.2'), { input: 0.28, cachedInput: 0.028, output: 0.42 });
    assert.deepEqual(priceOf('gpt-4.1', { 'gpt-4.1': { outputPrice: 6 } }), { input: 2, cachedInput: 0.5, output: 6 });
    assert.equal(priceOf('my-local-model'), null);
    assert.deepEqual(priceOf('my-local-model', { 'my-local-model': { inputPrice: 0, outputPrice: 0 } }), { input: 0, output: 0 });
  });

  it('knows context windows, with a default and overrides', () => {
    assert.equal(contextWindowOf('gpt-4.1'), 1_047_576);
    assert.equal(contextWindowOf('claude-sonnet-4.5'), 200_000);
    assert.equal(contextWindowOf('gemini'), 1_048_576);
    assert.equal(contextWindowOf('deepseek-v3.2'), 128_000);
    assert.equal(contextWindowOf('unknown-model'), 32_000);
    assert.equal(contextWindowOf('unknown-model', { 'unknown-model': { contextWindow: 8192 } }), 8192);
  });

  it('estimates about four characters per token', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abcd'), 1);
    assert.equal(estimateTokens('abcde'), 2);
  });

  it('computes cost from usage, estimates without it, and is null for unknown prices', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 500_000, totalTokens: 1_500_000, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    assert.deepEqual(costOf({ model: 'gpt-4.1', usage }), { costUsd: 6, costEstimated: false });
    assert.deepEqual(costOf({ model: 'deepseek', usage: null, promptText: 'x'.repeat(4000), completionText: 'y'.repeat(400) }), {
      costUsd: (1000 * 0.28 + 100 * 0.42) / 1e6,
      costEstimated: true,
    });
    assert.deepEqual(costOf({ model: 'mystery', usage }), { costUsd: null, costEstimated: false });
  });

  describe('on results', () => {
    const s = useSimulator();

    it('uses the usage the relay reported', async () => {
      s.sim.enqueue(streamScenario(['hi'], { usage: { prompt_tokens: 1000, completion_tokens: 2000 } }));
      const r = await client(s.sim).chat(ask('hi', { model: 'claude' }));
      assert.equal(r.costUsd, (1000 * 3 + 2000 * 15) / 1e6);
      assert.equal(r.costEstimated, false);
    });

    it('estimates from characters and says so when the relay sends no usage', async () => {
      s.sim.enqueue(completionScenario('x'.repeat(40)));
      const r = await client(s.sim).chat(ask('y'.repeat(400), { stream: false }));
      assert.equal(r.usage, null);
      assert.equal(r.costEstimated, true);
      assert.equal(r.costUsd, (100 * 2 + 10 * 8) / 1e6);
    });

    it('a cut stream carries the estimated cost of what was generated; a failure before any text costs nothing', async () => {
      s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'x'.repeat(40) })), { reset: true }] });
      const cut = await failure(client(s.sim, { maxRetries: 0 }).chat(ask('y'.repeat(400))));
      assert.equal(cut.kind, 'stream_interrupted');
      assert.equal(cut.costUsd, (100 * 2 + 10 * 8) / 1e6);
      s.sim.enqueue(errorScenario(500, { message: 'boom' }));
      assert.equal((await failure(client(s.sim, { maxRetries: 0 }).chat(ask('hi')))).costUsd, null);
    });

    it('reports unknown cost for a model without a price', async () => {
      s.sim.enqueue(completionScenario('ok', { prompt_tokens: 1, completion_tokens: 1 }));
      const r = await client(s.sim).chat(ask('hi', { model: 'local-llm', stream: false }));
      assert.equal(r.costUsd, null);
      assert.equal(r.model, 'local-llm');
    });
  });
});
