import { strict as assert } from 'node:assert';
import { makeError, parseDuration, rateLimitOf, RelayError } from '../../../src/core/relay';
import { AdaptiveLimits, feedbackOf, retryDelay, type Feedback } from '../../../src/core/review/adaptive';
import { AimdLimit } from '../../../src/core/review/aimd';
import { AdaptiveBucket } from '../../../src/core/review/bucket';

const ok: Feedback = { signal: 'ok' };
const throttled: Feedback = { signal: 'throttled', retryAfterMs: 1000 };

describe('review limits: x-ratelimit headers', () => {
  it('reads the durations relays send', () => {
    assert.equal(parseDuration('2m59.56s'), 179_560);
    assert.equal(parseDuration('1s'), 1000);
    assert.equal(parseDuration('850ms'), 850);
    assert.equal(parseDuration('1h2m'), 3_720_000);
    assert.equal(parseDuration('20'), 20_000);
    assert.equal(parseDuration('0.5'), 500);
    assert.equal(parseDuration(String(2_000_000_010), 2_000_000_000_000), 10_000);
    for (const bad of ['', 'soon', '5 s', '1x', '-1s', undefined]) assert.equal(parseDuration(bad), null, String(bad));
  });

  it('reads limit, remaining and reset for requests and tokens; none sent is null', () => {
    const info = rateLimitOf({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '29000',
      'x-ratelimit-reset-tokens': '2s',
    });
    assert.deepEqual(info, { limitRequests: 500, remainingRequests: 499, resetRequestsMs: 120, limitTokens: 30000, remainingTokens: 29000, resetTokensMs: 2000 });
    assert.equal(rateLimitOf({ 'retry-after': '1' }), null);
    assert.deepEqual(rateLimitOf({ 'x-ratelimit-remaining-requests': 'many', 'x-ratelimit-reset-requests': '1s' }), { resetRequestsMs: 1000 });
  });

  it('a 429 carries the headers on the RelayError', () => {
    const err = makeError({ kind: 'rate_limit', status: 429, headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '850ms' } });
    assert.deepEqual(err.rateLimit, { remainingRequests: 0, resetRequestsMs: 850 });
  });
});

describe('review limits: AIMD concurrency', () => {
  it('starts at the setting, drops multiplicatively, never below 1', () => {
    const aimd = new AimdLimit({ max: 16 });
    assert.equal(aimd.limit, 16);
    aimd.drop();
    assert.equal(aimd.limit, 12);
    for (let i = 0; i < 30; i++) aimd.drop();
    assert.equal(aimd.limit, 1);
  });

  it('grows by one after a window of successes while busy, never above the setting', () => {
    const aimd = new AimdLimit({ max: 4 });
    aimd.drop();
    aimd.drop(); // 4 -> 3.2 -> 2.56
    assert.equal(aimd.limit, 2);
    for (let i = 0; i < 10; i++) aimd.succeeded(false);
    assert.equal(aimd.limit, 2, 'an idle pool learns nothing about the relay');
    aimd.succeeded(true);
    assert.equal(aimd.limit, 2);
    aimd.succeeded(true);
    assert.equal(aimd.limit, 3);
    for (let i = 0; i < 3; i++) aimd.succeeded(true);
    assert.equal(aimd.limit, 4);
    for (let i = 0; i < 20; i++) aimd.succeeded(true);
    assert.equal(aimd.limit, 4);
  });
});

describe('review limits: adaptive rate bucket', () => {
  it('does not limit until the relay throttles', () => {
    const b = new AdaptiveBucket();
    for (let i = 0; i < 100; i++) {
      assert.equal(b.waitMs(0), 0);
      b.take(0);
    }
    assert.equal(b.rate, Infinity);
  });

  it('falls to beta x the measured rate on throttling and paces requests at that rate', () => {
    const b = new AdaptiveBucket({ beta: 0.7 });
    b.throttled(1000, 20);
    assert.equal(b.rate, 14);
    b.take(1000);
    const wait = b.waitMs(1000);
    assert.ok(wait > 0 && wait <= Math.ceil(1000 / 14), `waits ${wait} ms`);
    assert.equal(b.waitMs(1000 + Math.ceil(1000 / 14)), 0);
  });

  it('recovers along the cubic curve: back at the old rate after K seconds, slowly above it, capped', () => {
    const b = new AdaptiveBucket({ beta: 0.7, scale: 0.4 });
    b.throttled(0, 20);
    const k = Math.cbrt((20 * 0.3) / 0.4) * 1000;
    b.succeeded(k / 2, 100);
    assert.ok(b.rate > 14 && b.rate < 20, `half way: ${b.rate}`);
    b.succeeded(k, 100);
    assert.ok(Math.abs(b.rate - 20) < 1e-6, `at K: ${b.rate}`);
    b.succeeded(k + 1000, 100);
    assert.ok(b.rate > 20 && b.rate < 21, `a second later: ${b.rate}`);
    b.succeeded(k + 1000, 5);
    assert.equal(b.rate, 10, 'never more than twice the measured rate');
    b.setCeiling(8, k + 1000);
    b.succeeded(k + 60_000, 100);
    assert.equal(b.rate, 8, 'never above the ceiling');
  });

  it('a ceiling (the rate the relay states) turns the bucket on at that rate', () => {
    const b = new AdaptiveBucket();
    b.setCeiling(19, 0);
    assert.equal(b.rate, 19);
    b.take(0);
    b.take(0);
    assert.ok(b.waitMs(0) > 0);
  });
});

describe('review limits: what the relay answers', () => {
  const limits = (concurrency = 16) => new AdaptiveLimits({ concurrency });

  it('isolated throttles leave concurrency and rate alone (random 429s are the request\'s business)', () => {
    const l = limits();
    for (let i = 0; i < 200; i++) {
      const seq = l.start(i * 10, 1);
      assert.equal(l.record(seq, i % 10 === 9 ? throttled : ok, i * 10 + 5, true), 0);
    }
    assert.equal(l.concurrency, 16);
    assert.equal(l.bucket.rate, Infinity);
    assert.equal(l.throttle(16, 2000), undefined);
  });

  it('several throttled in one window lower concurrency and rate once; answers to requests sent before do not count again', () => {
    const l = limits();
    const seqs = Array.from({ length: 16 }, () => l.start(0, 1));
    for (const seq of seqs.slice(0, 8)) l.record(seq, throttled, 10, true);
    assert.equal(l.concurrency, 12);
    assert.ok(l.bucket.rate < Infinity);
    const rate = l.bucket.rate;
    for (const seq of seqs.slice(8)) l.record(seq, throttled, 20, true);
    assert.equal(l.concurrency, 12);
    assert.equal(l.bucket.rate, rate);
    // Requests sent after the drop are news again.
    const later = Array.from({ length: 4 }, () => l.start(30, 1));
    for (const seq of later) l.record(seq, throttled, 40, true);
    assert.equal(l.concurrency, 10);
    assert.deepEqual(l.throttle(3, 40), { inFlight: 3, concurrency: 10, requestsPerSecond: Math.round(l.bucket.rate * 10) / 10 });
  });

  it('a budget exhausted without headers (half the window throttled) pauses the pool for the hint', () => {
    const l = limits(4);
    const seqs = Array.from({ length: 4 }, () => l.start(0, 1));
    assert.equal(l.record(seqs[0], throttled, 1, true), 0);
    assert.equal(l.record(seqs[1], throttled, 2, true), 0);
    assert.equal(l.record(seqs[2], throttled, 3, true), 1000);
  });

  it('remaining = 0 pauses the pool for one refill step; the stated rate caps the bucket', () => {
    const l = limits();
    const seqs = Array.from({ length: 10 }, () => l.start(0, 1));
    const seq = seqs[0];
    // 10 requests refill in 500 ms: 20/s, one request every 50 ms.
    const pause = l.record(seq, { signal: 'ok', rateLimit: { limitRequests: 10, remainingRequests: 0, resetRequestsMs: 500 } }, 100, false);
    assert.equal(pause, 50);
    assert.equal(l.bucket.rate, 19);
  });

  it('a tokens budget caps the request rate by the tokens per request', () => {
    const l = limits();
    const seq = Array.from({ length: 30 }, () => l.start(0, 1000))[0];
    l.record(seq, { signal: 'ok', rateLimit: { limitTokens: 100_000, remainingTokens: 90_000, resetTokensMs: 1000 } }, 100, false);
    // 10,000 tokens/s x 0.95, or remaining / reset = 90,000 tokens/s: the larger, at 1,000 tokens a request.
    assert.equal(l.bucket.rate, 90);
  });

  it('a 503 or a timeout lowers the concurrency, not the rate', () => {
    const l = limits(10);
    const seq = l.start(0, 1);
    l.record(seq, { signal: 'overloaded' }, 5, true);
    assert.equal(l.concurrency, 8);
    assert.equal(l.bucket.rate, Infinity);
  });
});

describe('review limits: retry waits', () => {
  const hinted = (ms: number) => new RelayError({ kind: 'rate_limit', status: 429, retryable: true, retryAfterMs: ms, code: null, message: 'x' });

  it('never retries before the hint; adds up to 20% (at most 1 s) of jitter', () => {
    assert.equal(retryDelay(1, hinted(1000), { random: () => 0 }), 1000);
    assert.equal(retryDelay(1, hinted(1000), { random: () => 0.999 }), 1200);
    assert.equal(retryDelay(1, hinted(30_000), { random: () => 0.999 }), 30_999);
    assert.equal(retryDelay(1, hinted(120_000), { random: () => 0, maxWaitMs: 60_000 }), 60_000);
  });

  it('without a hint: exponential backoff', () => {
    const err = new RelayError({ kind: 'server', status: 500, retryable: true, retryAfterMs: null, code: null, message: 'x' });
    assert.equal(retryDelay(3, err, { baseMs: 100, random: () => 0.5 }), 200);
  });

  it('maps errors to signals: throttled, overloaded, failed; a cancel says nothing', () => {
    assert.equal(feedbackOf(hinted(1))?.signal, 'throttled');
    assert.equal(feedbackOf(makeError({ kind: 'rate_limit', status: 429, obj: { type: 'insufficient_quota' } }))?.signal, 'failed');
    assert.equal(feedbackOf(makeError({ kind: 'server', status: 503 }))?.signal, 'overloaded');
    assert.equal(feedbackOf(makeError({ kind: 'timeout', status: null }))?.signal, 'overloaded');
    assert.equal(feedbackOf(makeError({ kind: 'server', status: 500 }))?.signal, 'failed');
    assert.equal(feedbackOf(makeError({ kind: 'cancelled', status: null })), undefined);
  });
});

describe('review limits: an unreachable relay', () => {
  it('each network failure lowers the concurrency; the first success gives it back', () => {
    const l = new AdaptiveLimits({ concurrency: 16 });
    const seqs = Array.from({ length: 16 }, () => l.start(0, 1));
    for (const seq of seqs.slice(0, 8)) l.record(seq, { signal: 'unreachable' }, 1, true);
    assert.ok(l.concurrency <= 3, `still ${l.concurrency}`);
    l.record(seqs[8], ok, 2, true);
    assert.equal(l.concurrency, 16);
  });
});
