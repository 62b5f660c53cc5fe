import { strict as assert } from 'node:assert';
import { formatCost, formatMeta, isWebLink, secondsUntil } from '../../../src/webview/format';
import type { MessageMeta } from '../../../src/protocol';

const meta: MessageMeta = { model: 'gpt-4.1', promptTokens: 1200, completionTokens: 45, tokensEstimated: false, costUsd: 0.00276, costEstimated: false, ttftMs: 312, durationMs: 900 };

describe('chat meta line', () => {
  it('shows model, tokens, cost and time to first token', () => {
    assert.equal(formatMeta(meta), 'gpt-4.1 · 1,200 in · 45 out · $0.0028 · first token 312 ms');
  });

  it('shows cached and reasoning tokens when the relay reported them', () => {
    const detailed = { ...meta, model: 'gpt-5', completionTokens: 300, cachedPromptTokens: 1024, reasoningTokens: 256, costUsd: 0.0031, ttftMs: null };
    assert.equal(formatMeta(detailed), 'gpt-5 · 1,200 in (1,024 cached) · 300 out (256 reasoning) · $0.0031');
  });

  it('marks estimates and unknown cost in words', () => {
    assert.equal(formatMeta({ ...meta, tokensEstimated: true, costEstimated: true, costUsd: 0.5, ttftMs: 1500 }), 'gpt-4.1 · ~1,200 in · ~45 out · $0.50 estimated · first token 1.5 s');
    assert.equal(formatCost(null), 'cost unknown');
    assert.equal(formatMeta({ ...meta, promptTokens: null, completionTokens: null, costUsd: null, ttftMs: null }), 'gpt-4.1 · cost unknown');
    assert.equal(formatMeta({ ...meta, promptTokens: null, tokensEstimated: true, costUsd: null, ttftMs: null }), 'gpt-4.1 · ~45 out · cost unknown');
  });

  it('counts down whole seconds and never below zero', () => {
    assert.equal(secondsUntil(10_500, 10_000), 1);
    assert.equal(secondsUntil(13_000, 10_000), 3);
    assert.equal(secondsUntil(9_000, 10_000), 0);
  });

  it('only treats http(s) as web links', () => {
    assert.ok(isWebLink('https://a.b') && isWebLink('HTTP://a.b'));
    assert.ok(!isWebLink('javascript:x') && !isWebLink('command:x') && !isWebLink('#x'));
  });
});
