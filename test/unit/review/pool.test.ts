import { strict as assert } from 'node:assert';
import { RequestPool, type Timers } from '../../../src/core/review';

/** A manual clock: scheduled callbacks run only when the test advances time. */
function manualTimers() {
  let now = 0;
  let pending: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const timers: Timers = {
    now: () => now,
    schedule(fn, ms) {
      const t = { at: now + ms, fn, cancelled: false };
      pending.push(t);
      return () => void (t.cancelled = true);
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    const due = pending.filter((t) => !t.cancelled && t.at <= now);
    pending = pending.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    await new Promise((r) => setImmediate(r));
  };
  return { timers, advance };
}

describe('review request pool', () => {
  it('holds requests over the per-minute limit until the window moves', async () => {
    const { timers, advance } = manualTimers();
    const pool = new RequestPool({ concurrency: 10, requestsPerMinute: 2, timers });
    const started: number[] = [];
    for (let i = 0; i < 3; i++) void pool.acquire(1).then((release) => (started.push(i), release()));
    await advance(0);
    assert.deepEqual(started, [0, 1]);
    await advance(59_999);
    assert.deepEqual(started, [0, 1]);
    await advance(1);
    assert.deepEqual(started, [0, 1, 2]);
  });

  it('holds requests over the tokens-per-minute budget; one oversized request still goes alone', async () => {
    const { timers, advance } = manualTimers();
    const pool = new RequestPool({ concurrency: 10, tokensPerMinute: 1000, timers });
    const started: string[] = [];
    const go = (name: string, tokens: number) => void pool.acquire(tokens).then((release) => (started.push(name), release()));
    go('a', 600);
    go('b', 600);
    await advance(0);
    assert.deepEqual(started, ['a']);
    await advance(60_000);
    assert.deepEqual(started, ['a', 'b']);
    go('huge', 5000);
    await advance(60_000);
    assert.deepEqual(started, ['a', 'b', 'huge']);
  });

  it('a pause holds every new request until it ends; a retry goes first', async () => {
    const { timers, advance } = manualTimers();
    const pool = new RequestPool({ concurrency: 2, timers });
    const started: string[] = [];
    pool.pause(1000);
    void pool.acquire(1).then(() => started.push('new'));
    void pool.acquire(1, undefined, true).then(() => started.push('retry'));
    await advance(999);
    assert.deepEqual(started, []);
    await advance(1);
    assert.deepEqual(started, ['retry', 'new']);
  });

  it('never runs more than `concurrency` at once', async () => {
    const pool = new RequestPool({ concurrency: 2 });
    const releases: (() => void)[] = [];
    for (let i = 0; i < 5; i++) void pool.acquire(1).then((r) => releases.push(r));
    await new Promise((r) => setImmediate(r));
    assert.equal(pool.running, 2);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.equal(pool.running, 2);
    assert.equal(pool.peakActive, 2);
  });

  it('several requests throttled lower the concurrency and pace the next starts; progress says so', async () => {
    const { timers, advance } = manualTimers();
    const pool = new RequestPool({ concurrency: 4, timers });
    const releases: ((o?: { signal: 'throttled' | 'ok'; retryAfterMs?: number }) => void)[] = [];
    for (let i = 0; i < 20; i++) void pool.acquire(1).then((r) => releases.push(r));
    await advance(0);
    assert.equal(pool.running, 4);
    assert.equal(pool.throttle(), undefined);
    await advance(100);
    for (const release of releases.splice(0, 4)) release({ signal: 'throttled', retryAfterMs: 1000 });
    await advance(0);
    assert.equal(pool.concurrency, 3);
    assert.ok(pool.rate < Infinity, 'the rate bucket is on');
    // Paced: not all free slots fill at once.
    assert.ok(pool.running < 3, `${pool.running} started at once`);
    assert.deepEqual(pool.throttle(), { inFlight: pool.running, concurrency: 3, requestsPerSecond: Math.round(pool.rate * 10) / 10 });
    await advance(5000);
    assert.equal(pool.running, 3);
  });

  it('an aborted wait leaves the queue and rejects as cancelled', async () => {
    const pool = new RequestPool({ concurrency: 1 });
    await pool.acquire(1);
    const controller = new AbortController();
    const waiting = pool.acquire(1, controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: { kind?: string }) => e.kind === 'cancelled');
  });
});
