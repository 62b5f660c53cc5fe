// The picker entries VS Code gets: limits, price, relay, capabilities (table and per-model settings).
import { strict as assert } from 'node:assert';
import { formatPricePerMillion, modelInformation } from '../../../src/core/lm';
import { capabilitiesOf } from '../../../src/core/models/capabilities';
import { maxOutputOf } from '../../../src/core/models/limits';
import { contextWindowOf } from '../../../src/core/relay';

const BASE = 'https://relay.example.com/v1';

describe('lm: model information', () => {
  it('gives each model its name, family, version, limits that fit its context window, and the relay and price', () => {
    const [m] = modelInformation({ ids: ['gpt-4.1'], remote: new Map(), overrides: {}, baseUrl: BASE });
    assert.equal(m.id, 'gpt-4.1');
    assert.equal(m.name, 'gpt-4.1');
    assert.equal(m.family, 'gpt-4.1');
    assert.equal(m.version, 'gpt-4.1');
    assert.equal(m.maxOutputTokens, maxOutputOf('gpt-4.1'));
    assert.equal(m.maxInputTokens + m.maxOutputTokens, contextWindowOf('gpt-4.1'));
    assert.equal(m.detail, 'relay.example.com · $2.00 / $8.00 per 1M');
    assert.match(m.tooltip, /through the relay at https:\/\/relay\.example\.com\/v1 .*\$2\.00 \/ \$8\.00 per 1M tokens/);
    assert.deepEqual(m.capabilities, { toolCalling: true, imageInput: true });
  });

  it('resolves aliases, drops duplicates and keeps the order given', () => {
    const ids = modelInformation({ ids: ['claude', 'deepseek-v3.2', 'claude-sonnet-4.5', 'local-llm'], remote: new Map(), overrides: {}, baseUrl: BASE }).map((m) => m.id);
    assert.deepEqual(ids, ['claude-sonnet-4.5', 'deepseek-v3.2', 'local-llm']);
  });

  it('uses the settings first, then what the relay publishes, for price and context window', () => {
    const remote = new Map([['vendor/new-model', { id: 'vendor/new-model', pricing: { input: 0.5, output: 1.5 }, contextWindow: 64_000 }]]);
    const [fromRelay] = modelInformation({ ids: ['vendor/new-model'], remote, overrides: {}, baseUrl: BASE });
    assert.equal(fromRelay.detail, 'relay.example.com · $0.50 / $1.50 per 1M');
    assert.equal(fromRelay.maxInputTokens + fromRelay.maxOutputTokens, 64_000);
    assert.equal(fromRelay.family, 'new-model');
    const [fromSettings] = modelInformation({ ids: ['vendor/new-model'], remote, overrides: { 'vendor/new-model': { inputPrice: 1, outputPrice: 2, contextWindow: 10_000, maxOutputTokens: 2_000 } }, baseUrl: BASE });
    assert.equal(fromSettings.detail, 'relay.example.com · $1.00 / $2.00 per 1M');
    assert.deepEqual([fromSettings.maxInputTokens, fromSettings.maxOutputTokens], [8_000, 2_000]);
  });

  it('says when the price is unknown, and never lets the output limit take more than half the window', () => {
    const [m] = modelInformation({ ids: ['mystery'], remote: new Map(), overrides: { mystery: { contextWindow: 4_096 } }, baseUrl: 'http://127.0.0.1:11434/v1' });
    assert.equal(m.detail, '127.0.0.1:11434');
    assert.match(m.tooltip, /price unknown/);
    assert.deepEqual([m.maxInputTokens, m.maxOutputTokens], [2_048, 2_048]);
  });

  it('formats prices per million tokens', () => {
    assert.equal(formatPricePerMillion({ input: 0.28, output: 0.42 }), '$0.28 / $0.42 per 1M tokens');
    assert.equal(formatPricePerMillion({ input: 0, output: 0.005 }), '$0 / $0.0050 per 1M tokens');
  });
});

describe('lm: capabilities', () => {
  it('knows tool calling and image input per family, also behind a provider prefix', () => {
    assert.deepEqual(capabilitiesOf('gpt-4.1'), { toolCalling: true, imageInput: true });
    assert.deepEqual(capabilitiesOf('openai/gpt-5-mini'), { toolCalling: true, imageInput: true });
    assert.deepEqual(capabilitiesOf('anthropic/claude-sonnet-4.5'), { toolCalling: true, imageInput: true });
    assert.deepEqual(capabilitiesOf('gemini'), { toolCalling: true, imageInput: true });
    assert.deepEqual(capabilitiesOf('deepseek-v3.2'), { toolCalling: true, imageInput: false });
    assert.deepEqual(capabilitiesOf('qwen2.5-coder'), { toolCalling: true, imageInput: false });
    assert.deepEqual(capabilitiesOf('qwen2.5-vl-7b'), { toolCalling: false, imageInput: true });
    assert.deepEqual(capabilitiesOf('codellama:7b'), { toolCalling: false, imageInput: false });
  });

  it('lets unknown models call tools but not take images', () => {
    assert.deepEqual(capabilitiesOf('brand-new-model'), { toolCalling: true, imageInput: false });
  });

  it('lets the per-model settings `toolCalling` and `vision` win', () => {
    const overrides = { 'deepseek-v3.2': { vision: true }, 'gpt-4.1': { toolCalling: false }, 'my-llava': { vision: true, toolCalling: false } };
    assert.deepEqual(capabilitiesOf('deepseek', overrides), { toolCalling: true, imageInput: true });
    assert.deepEqual(capabilitiesOf('gpt-4.1', overrides), { toolCalling: false, imageInput: true });
    assert.deepEqual(capabilitiesOf('my-llava', overrides), { toolCalling: false, imageInput: true });
  });
});
