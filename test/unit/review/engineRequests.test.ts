// What the review engine asks the relay (issue 18's review parts, issue 21's rules order): the
// fixed instructions first, then the repository's rules, then the file; a bounded output; cached
// and reasoning tokens summed into the summary; the cost recorded with the cache entry and
// reported as saved on a hit.
import { strict as assert } from 'node:assert';
import type { ChatRequest, ChatResult, RelayClient } from '../../../src/core/relay';
import { MemoryCache, REVIEW_SYSTEM_PROMPT, memorySource, planFiles, reviewFiles } from '../../../src/core/review';

function fakeClient(seen: ChatRequest[]): RelayClient {
  const chat = async (req: ChatRequest): Promise<ChatResult> => {
    seen.push(req);
    return {
      text: '{"findings": [{"line": 1, "severity": "warning", "message": "m", "confidence": 0.9}]}',
      reasoning: null, finishReason: 'stop', toolCalls: [], api: 'chat', model: req.model, attempts: 1, ttftMs: null, durationMs: 1,
      usage: { promptTokens: 1200, completionTokens: 300, totalTokens: 1500, cachedPromptTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 256 },
      costUsd: 0.002, costEstimated: false,
    };
  };
  return { chat } as unknown as RelayClient;
}

describe('review engine requests', () => {
  it('fixed instructions first, rules before the file, boundedOutput; cached and reasoning tokens summed; the cache reports what it saved', async () => {
    const plan = await planFiles(memorySource({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' }));
    for (const f of plan.files) f.rules = 'From REVIEW.md:\nMoney is integer cents.';
    const seen: ChatRequest[] = [];
    const cache = new MemoryCache();
    const first = await reviewFiles(plan, { client: fakeClient(seen), model: 'm', cache });
    assert.equal(seen.length, 2);
    for (const req of seen) {
      assert.equal(req.boundedOutput, true);
      assert.equal(req.messages[0].role, 'system');
      assert.equal(req.messages[0].content, REVIEW_SYSTEM_PROMPT);
      const user = String(req.messages[1].content);
      assert.ok(user.indexOf('Money is integer cents.') < user.indexOf('Path: ') && user.indexOf('Path: ') < user.indexOf('1 | export'), user);
    }
    assert.equal(first.summary.cachedPromptTokens, 2048);
    assert.equal(first.summary.reasoningTokens, 512);
    assert.equal(first.files[0].findings[0].confidence, 0.9);
    const second = await reviewFiles(plan, { client: fakeClient(seen), model: 'm', cache });
    assert.equal(seen.length, 2, 'answered from the cache');
    assert.equal(second.summary.cached, 2);
    assert.equal(second.summary.cacheSavedUsd, 0.004);
    // Other rules: another cache key (the rules are part of what was reviewed).
    for (const f of plan.files) f.rules = 'From REVIEW.md:\nSomething else.';
    await reviewFiles(plan, { client: fakeClient(seen), model: 'm', cache });
    assert.equal(seen.length, 4);
  });
});
