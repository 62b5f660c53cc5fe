// Prices (table matching, settings, relay-published), the cost arithmetic and OpenRouter's /models pricing.
import { strict as assert } from 'node:assert';
import { costOf, usageCost } from '../../../src/core/models/cost';
import { lookupIds } from '../../../src/core/models/ids';
import { contextWindowOf, maxOutputOf } from '../../../src/core/models/limits';
import { publishedInfoOf } from '../../../src/core/models/openrouter';
import { priceOf, withPublished } from '../../../src/core/models/prices';
import { completionScenario, streamScenario, type WireUsage } from '../../support/sse';
import { ask, client, useSimulator } from '../relay/helpers';

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

describe('price table matching', () => {
  it('finds a family by exact id, provider-prefixed id and dated snapshot', () => {
    const gpt5 = { input: 1.25, cachedInput: 0.125, output: 10 };
    assert.deepEqual(priceOf('gpt-5'), gpt5);
    assert.deepEqual(priceOf('openai/gpt-5'), gpt5);
    assert.deepEqual(priceOf('gpt-5-2025-08-07'), gpt5);
    assert.deepEqual(priceOf('GPT-5'), gpt5);
    const sonnet = { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 };
    assert.deepEqual(priceOf('anthropic/claude-sonnet-4.5'), sonnet);
    assert.deepEqual(priceOf('claude-sonnet-4-5-20250929'), sonnet);
    assert.deepEqual(priceOf('claude-sonnet-4-5'), sonnet);
    assert.deepEqual(priceOf('claude-sonnet-4-20250514'), sonnet);
    assert.deepEqual(priceOf('claude-3-5-haiku-latest'), { input: 0.8, cachedInput: 0.08, cacheWrite: 1, output: 4 });
    assert.deepEqual(priceOf('google/gemini-2.5-flash-preview-09-2025'), { input: 0.3, cachedInput: 0.03, output: 2.5 });
    assert.deepEqual(priceOf('deepseek/deepseek-chat'), { input: 0.28, cachedInput: 0.028, output: 0.42 });
  });

  it('never prices a model by a shorter family name', () => {
    assert.equal(priceOf('gpt-5-pro'), null);
    assert.equal(priceOf('o3-pro'), null);
    assert.equal(priceOf('gpt-5.1-codex-ultra'), null);
    assert.deepEqual(lookupIds('openrouter/anthropic/claude-opus-4-1-20250805'), ['openrouter/anthropic/claude-opus-4-1-20250805', 'claude-opus-4-1-20250805', 'claude-opus-4.1-20250805', 'claude-opus-4.1']);
  });

  it('settings win field by field; a setting alone prices an unknown model', () => {
    assert.deepEqual(priceOf('gpt-5', { 'gpt-5': { cachedInputPrice: 0.1 } }), { input: 1.25, cachedInput: 0.1, output: 10 });
    assert.deepEqual(priceOf('house-model', { 'house-model': { inputPrice: 1, outputPrice: 2, cachedInputPrice: 0.5, cacheWritePrice: 1.5 } }), { input: 1, output: 2, cachedInput: 0.5, cacheWrite: 1.5 });
    assert.equal(priceOf('house-model', { 'house-model': { inputPrice: 1 } }), null);
  });

  it('knows limits per family, with settings first', () => {
    assert.equal(maxOutputOf('openai/gpt-5-2025-08-07'), 128_000);
    assert.equal(maxOutputOf('claude-opus-4-1-20250805'), 32_000);
    assert.equal(maxOutputOf('grok-code-fast-1'), 8_192); // not published: the default
    assert.equal(maxOutputOf('gpt-5', { 'gpt-5': { maxOutputTokens: 4000 } }), 4000);
    assert.equal(contextWindowOf('anthropic/claude-sonnet-4.5'), 200_000);
    assert.equal(contextWindowOf('gpt-5'), 400_000);
    assert.equal(contextWindowOf('qwen/qwen3-coder'), 262_144);
  });
});

describe('cost arithmetic', () => {
  const price = { input: 2, cachedInput: 0.5, cacheWrite: 2.5, output: 8 };

  it('uncached input, cached reads, cache writes and output at their own prices', () => {
    const cost = usageCost({ promptTokens: 1_000_000, cachedPromptTokens: 600_000, cacheWriteTokens: 100_000, completionTokens: 100_000 }, price);
    close(cost, 0.3 * 2 + 0.6 * 0.5 + 0.1 * 2.5 + 0.1 * 8);
  });

  it('reasoning is output: it changes nothing beyond completionTokens', () => {
    const u = { model: 'gpt-5', usage: { promptTokens: 1200, completionTokens: 300, totalTokens: 1500, cachedPromptTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 256 } };
    close(costOf(u).costUsd, (176 * 1.25 + 1024 * 0.125 + 300 * 10) / 1e6);
    assert.equal(costOf(u).costEstimated, false);
  });

  it('cached and written tokens cost the input price when the model has no such price', () => {
    close(usageCost({ promptTokens: 1000, cachedPromptTokens: 500, cacheWriteTokens: 200, completionTokens: 0 }, { input: 3, output: 6 }), (1000 * 3) / 1e6);
  });

  it('estimates all input as uncached without usage; unknown price is null', () => {
    assert.deepEqual(costOf({ model: 'gpt-5', usage: null, promptText: 'x'.repeat(4000), completionText: 'y'.repeat(400) }), { costUsd: (1000 * 1.25 + 100 * 10) / 1e6, costEstimated: true });
    assert.deepEqual(costOf({ model: 'nobody-knows', usage: null, promptText: 'x' }), { costUsd: null, costEstimated: true });
  });
});

describe('relay-published prices', () => {
  it("reads OpenRouter's pricing (USD per token, strings) and context_length", () => {
    const entry = { id: 'anthropic/claude-sonnet-4.5', context_length: 1000000, pricing: { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375', request: '0' } };
    assert.deepEqual(publishedInfoOf(entry), { pricing: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }, contextWindow: 1_000_000 });
    assert.deepEqual(publishedInfoOf({ id: 'x', pricing: { prompt: '0', completion: '0' } }), { pricing: { input: 0, output: 0 } });
    // variable pricing ("-1"), missing halves and junk publish nothing
    assert.deepEqual(publishedInfoOf({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } }), {});
    assert.deepEqual(publishedInfoOf({ id: 'x', pricing: { prompt: '0.000001' }, context_length: 'big' }), {});
    assert.deepEqual(publishedInfoOf({ id: 'x' }), {});
  });

  it("serve models the user has not priced, and beat the table (they are the relay's bill)", () => {
    const published = [
      { id: 'qwen/qwen3-coder', pricing: { input: 0.22, output: 0.95 }, contextWindow: 262_144 },
      { id: 'openai/gpt-5', pricing: { input: 1.25, output: 10, cachedInput: 0.125 } },
      { id: 'mine', pricing: { input: 9, output: 9 }, contextWindow: 8000 },
      { id: 'no-data' },
    ];
    const models = withPublished({ mine: { inputPrice: 1, contextWindow: 4000 } }, published);
    assert.deepEqual(priceOf('qwen/qwen3-coder', models), { input: 0.22, output: 0.95 });
    assert.equal(contextWindowOf('qwen/qwen3-coder', models), 262_144);
    assert.deepEqual(priceOf('openai/gpt-5', models), { input: 1.25, output: 10, cachedInput: 0.125 });
    assert.deepEqual(priceOf('mine', models), { input: 1, output: 9 }, "the user's field wins, the relay fills the rest");
    assert.equal(contextWindowOf('mine', models), 4000);
    assert.equal(models['no-data'], undefined);
    assert.equal(priceOf('qwen/qwen3-coder'), null, 'without the published list the model stays unpriced');
  });
});

describe('cost and prices through the relay client', () => {
  const s = useSimulator();

  it('listModels carries the prices and context length a relay publishes', async () => {
    s.sim.enqueue({
      body: JSON.stringify({
        data: [
          { id: 'qwen/qwen3-coder', context_length: 262144, pricing: { prompt: '0.00000022', completion: '0.00000095', input_cache_read: '0.000000022' } },
          { id: 'plain', owned_by: 'someone' },
        ],
      }),
    });
    assert.deepEqual(await client(s.sim).listModels(), [
      { id: 'qwen/qwen3-coder', pricing: { input: 0.22, output: 0.95, cachedInput: 0.022 }, contextWindow: 262_144 },
      { id: 'plain', ownedBy: 'someone' },
    ]);
  });

  it('a cached, reasoning answer costs what the arithmetic says, in costUsd and usage', async () => {
    const usage = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 256 } };
    s.sim.enqueue(streamScenario(['done'], { usage }));
    const r = await client(s.sim).chat(ask('hi', { model: 'openai/gpt-5' }));
    assert.deepEqual(r.usage, { promptTokens: 1200, completionTokens: 300, totalTokens: 1500, cachedPromptTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 256 });
    close(r.costUsd, (176 * 1.25 + 1024 * 0.125 + 300 * 10) / 1e6);
  });

  it('a model priced only by the relay gets its cost once the published prices are passed in', async () => {
    s.sim.enqueue(completionScenario('ok', { prompt_tokens: 1000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 500 } } as WireUsage));
    const models = withPublished(undefined, [{ id: 'qwen/qwen3-coder', pricing: { input: 0.22, output: 0.95, cachedInput: 0.022 } }]);
    const r = await client(s.sim, { models }).chat(ask('hi', { model: 'qwen/qwen3-coder', stream: false }));
    close(r.costUsd, (500 * 0.22 + 500 * 0.022 + 100 * 0.95) / 1e6);
  });
});
