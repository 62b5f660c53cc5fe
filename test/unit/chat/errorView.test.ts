import { strict as assert } from 'node:assert';
import { DEFAULT_RATE_LIMIT_WAIT_MS, errorViewFor } from '../../../src/core/chat/errorView';

describe('chat error view', () => {
  const now = 1_000_000;

  it('offers the button that fixes each kind first', () => {
    const first = (kind: string) => errorViewFor({ kind, message: '' }, now).actions[0];
    assert.equal(first('auth'), 'setApiKey');
    assert.equal(first('not_found'), 'chooseModel');
    assert.equal(first('network'), 'retry');
    assert.equal(first('timeout'), 'retry');
    assert.equal(first('context_length'), 'trimAndRetry');
    assert.ok(errorViewFor({ kind: 'network', message: '' }, now).actions.includes('proxySettings'));
  });

  it('schedules the automatic retry of a rate limit from the relay hint, or a default wait', () => {
    assert.equal(errorViewFor({ kind: 'rate_limit', message: 'slow down', retryAfterMs: 2500 }, now).retryAt, now + 2500);
    assert.equal(errorViewFor({ kind: 'rate_limit', message: '' }, now).retryAt, now + DEFAULT_RATE_LIMIT_WAIT_MS);
    assert.equal(errorViewFor({ kind: 'rate_limit', message: '', retryAfterMs: 3_600_000 }, now).retryAt, null, 'an hour is left to the user');
    assert.equal(errorViewFor({ kind: 'server', message: '' }, now).retryAt, null);
  });

  it('does not retry a quota (billing) error automatically', () => {
    const v = errorViewFor({ kind: 'rate_limit', code: 'insufficient_quota', message: 'You exceeded your quota' }, now);
    assert.equal(v.retryAt, null);
    assert.ok(!v.actions.includes('retry'));
    assert.equal(v.detail, 'You exceeded your quota');
  });
});
