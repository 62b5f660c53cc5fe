// The one wording of tokens and money.
import { strict as assert } from 'node:assert';
import { formatCost, formatTokens, formatUsageCost, formatUsd } from '../../../src/core/models/format';

describe('cost and usage formatting', () => {
  it('words money by size, never in exponent notation', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(0.0031), '$0.0031');
    assert.equal(formatUsd(0.00312), '$0.0031');
    assert.equal(formatUsd(0.001), '$0.001');
    assert.equal(formatUsd(0.00000042), '$0.00000042');
    assert.equal(formatUsd(0.000000004), '<$0.00000001');
    assert.equal(formatUsd(0.5), '$0.50');
    assert.equal(formatUsd(0.12345), '$0.1235');
    assert.equal(formatUsd(12.5), '$12.50');
    assert.equal(formatUsd(1234), '$1,234.00');
    assert.equal(formatCost(null), 'cost unknown');
    assert.equal(formatCost(0.0031, true), '$0.0031 estimated');
  });

  it('shows cached, written and reasoning tokens only when there are some', () => {
    const u = { promptTokens: 1200, completionTokens: 300, cachedPromptTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 256 };
    assert.equal(formatUsageCost(u, 0.0031), '1,200 in (1,024 cached) · 300 out (256 reasoning) · $0.0031');
    assert.equal(formatTokens({ promptTokens: 5000, completionTokens: 20, cacheWriteTokens: 4800 }), '5,000 in (4,800 written to cache) · 20 out');
    assert.equal(formatTokens({ promptTokens: 10, completionTokens: 5 }, true), '~10 in · ~5 out');
    assert.equal(formatUsageCost({ promptTokens: 10, completionTokens: 5 }, null), '10 in · 5 out · cost unknown');
  });
});
