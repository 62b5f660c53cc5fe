import * as assert from 'node:assert/strict';
import { adviceFor } from '../../src/core/errorText';

describe('error advice', () => {
  it('offers Set API Key for auth errors', () => {
    assert.ok(adviceFor({ kind: 'auth', code: null, retryAfterMs: null }).actions.includes('setApiKey'));
  });
  it('offers Choose Model when the model is not found', () => {
    assert.ok(adviceFor({ kind: 'not_found', code: null, retryAfterMs: null }).actions.includes('chooseModel'));
  });
  it('offers no retry when the quota is exhausted', () => {
    const a = adviceFor({ kind: 'rate_limit', code: 'insufficient_quota', retryAfterMs: null });
    assert.ok(!a.actions.includes('retry'));
    assert.match(a.text, /quota/);
  });
  it('tells how long a throttled request should wait', () => {
    assert.match(adviceFor({ kind: 'rate_limit', code: null, retryAfterMs: 2500 }).text, /wait 3 s/);
  });
  it('offers proxy settings for network errors', () => {
    assert.ok(adviceFor({ kind: 'network', code: null, retryAfterMs: null }).actions.includes('proxySettings'));
  });
  it('offers trimming for context_length', () => {
    assert.deepEqual(adviceFor({ kind: 'context_length', code: null, retryAfterMs: null }).actions, ['trimAndRetry']);
  });
});
