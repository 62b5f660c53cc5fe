// Every usage shape relays send, one fixture each (relay-protocol.md, "Usage details and cost").
import { strict as assert } from 'node:assert';
import { usageOf } from '../../../src/core/models/usage';

const usage = (promptTokens: number, completionTokens: number, details: { cached?: number; writes?: number; reasoning?: number; total?: number } = {}) => ({
  promptTokens,
  completionTokens,
  totalTokens: details.total ?? promptTokens + completionTokens,
  cachedPromptTokens: details.cached ?? 0,
  cacheWriteTokens: details.writes ?? 0,
  reasoningTokens: details.reasoning ?? 0,
});

describe('usage shapes', () => {
  it('is null without a usage object', () => {
    assert.equal(usageOf(undefined), null);
    assert.equal(usageOf(null), null);
    assert.equal(usageOf('12'), null);
  });

  it('plain chat completions usage', () => {
    assert.deepEqual(usageOf({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }), usage(10, 5));
    assert.deepEqual(usageOf({ prompt_tokens: 10, completion_tokens: 5 }), usage(10, 5));
  });

  it('OpenAI: cached inside prompt_tokens, reasoning inside completion_tokens', () => {
    const v = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 256 } };
    assert.deepEqual(usageOf(v), usage(1200, 300, { cached: 1024, reasoning: 256 }));
  });

  it('cache writes in prompt_tokens_details.cache_write_tokens (OpenRouter)', () => {
    const v = { prompt_tokens: 5000, completion_tokens: 20, total_tokens: 5020, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 4800 } };
    assert.deepEqual(usageOf(v), usage(5000, 20, { writes: 4800 }));
  });

  it('DeepSeek: prompt_cache_hit_tokens / prompt_cache_miss_tokens', () => {
    assert.deepEqual(usageOf({ prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050, prompt_cache_hit_tokens: 768, prompt_cache_miss_tokens: 232 }), usage(1000, 50, { cached: 768 }));
    // without prompt_tokens, hit + miss is the prompt
    assert.deepEqual(usageOf({ completion_tokens: 50, prompt_cache_hit_tokens: 768, prompt_cache_miss_tokens: 232 }), usage(1000, 50, { cached: 768 }));
  });

  it('Anthropic-style fields inside prompt_tokens (LiteLLM): the same read under two names is counted once', () => {
    const v = { prompt_tokens: 2000, completion_tokens: 100, total_tokens: 2100, cache_read_input_tokens: 1500, cache_creation_input_tokens: 300, prompt_tokens_details: { cached_tokens: 1500 } };
    assert.deepEqual(usageOf(v), usage(2000, 100, { cached: 1500, writes: 300 }));
  });

  it('total_tokens rule: cache reads and writes outside prompt_tokens are added to the prompt', () => {
    // a gateway translating Anthropic: prompt_tokens is the uncached part only, total_tokens has it all
    const v = { prompt_tokens: 200, completion_tokens: 100, total_tokens: 2100, cache_read_input_tokens: 1500, cache_creation_input_tokens: 300 };
    assert.deepEqual(usageOf(v), usage(2000, 100, { cached: 1500, writes: 300 }));
  });

  it('total_tokens rule: reasoning outside completion_tokens is added to the output', () => {
    const v = { prompt_tokens: 100, completion_tokens: 40, total_tokens: 640, completion_tokens_details: { reasoning_tokens: 500 } };
    assert.deepEqual(usageOf(v), usage(100, 540, { reasoning: 500 }));
  });

  it('total_tokens rule without any detail: the difference is unreported reasoning (Gemini thoughts)', () => {
    assert.deepEqual(usageOf({ prompt_tokens: 100, completion_tokens: 40, total_tokens: 340 }), usage(100, 240, { reasoning: 200 }));
  });

  it('total_tokens rule with both kinds of detail: each part where it belongs', () => {
    const both = { prompt_tokens: 200, completion_tokens: 40, total_tokens: 2240, cache_read_input_tokens: 1500, cache_creation_input_tokens: 300, completion_tokens_details: { reasoning_tokens: 200 } };
    assert.deepEqual(usageOf(both), usage(2000, 240, { cached: 1500, writes: 300, reasoning: 200 }));
    const cacheOnlyOutside = { ...both, total_tokens: 2040 };
    assert.deepEqual(usageOf(cacheOnlyOutside), usage(2000, 40, { cached: 1500, writes: 300, reasoning: 40 }));
    const reasoningOnlyOutside = { prompt_tokens: 2000, completion_tokens: 40, total_tokens: 2240, prompt_tokens_details: { cached_tokens: 1500 }, completion_tokens_details: { reasoning_tokens: 200 } };
    assert.deepEqual(usageOf(reasoningOnlyOutside), usage(2000, 240, { cached: 1500, reasoning: 200 }));
  });

  it("Anthropic's own usage (input_tokens excludes cache reads and writes)", () => {
    const v = { input_tokens: 50, output_tokens: 120, cache_read_input_tokens: 4000, cache_creation_input_tokens: 1000 };
    assert.deepEqual(usageOf(v), usage(5050, 120, { cached: 4000, writes: 1000 }));
  });

  it('Responses API: input_tokens / output_tokens with their details', () => {
    const v = { input_tokens: 1200, output_tokens: 300, total_tokens: 1500, input_tokens_details: { cached_tokens: 1024 }, output_tokens_details: { reasoning_tokens: 256 } };
    assert.deepEqual(usageOf(v), usage(1200, 300, { cached: 1024, reasoning: 256 }));
  });

  it('never more cached than prompt or reasoning than output; junk numbers are ignored', () => {
    // without a total, a detail larger than its part was counted outside it
    assert.deepEqual(usageOf({ prompt_tokens: 100, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 400 }, completion_tokens_details: { reasoning_tokens: 30 } }), usage(500, 40, { cached: 400, reasoning: 30 }));
    // with a total that explains nothing, details are capped
    assert.deepEqual(usageOf({ prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_tokens_details: { cached_tokens: 400 }, completion_tokens_details: { reasoning_tokens: 30 } }), usage(100, 10, { cached: 100, reasoning: 10 }));
    assert.deepEqual(usageOf({ prompt_tokens: 'many', completion_tokens: -3, total_tokens: null, prompt_tokens_details: { cached_tokens: NaN } }), usage(0, 0));
  });
});
