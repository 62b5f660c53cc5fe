import { strict as assert } from 'node:assert';
import type { RelayClient } from '../../../src/core/relay';
import { MemoryCache, REVIEW_SYSTEM_PROMPT, STRICT_REMINDER, memorySource, planFiles, reviewFiles, type ReviewProgress } from '../../../src/core/review';
import { startSimulator, type RecordedRequest, type Scenario, type Simulator } from '../../support/simulator';
import { completion, errorScenario } from '../../support/sse';
import { answeredPerPath, client, numberedLines, pathOf, todoPlan, todoReply } from './helpers';
import { rateLimitedResponder } from '../../support/ratelimited';
import { inWavesOf } from '../../support/waves';

describe('review engine against the simulator', () => {
  let sim: Simulator;
  let relay: RelayClient;
  /** The status each request got, in request order. */
  let statuses: number[];

  beforeEach(async () => {
    sim = await startSimulator();
    relay = client(sim.url);
    statuses = [];
  });
  afterEach(async () => {
    await relay.close();
    await sim.close();
  });

  /** Responder wrapper that records the status of each answer. */
  function respond(fn: (req: RecordedRequest, index: number) => Scenario): void {
    let index = 0;
    sim.setResponder((req) => {
      const scenario = fn(req, index++);
      statuses.push(scenario.status ?? 200);
      return scenario;
    });
  }

  it('sends the numbered file with the review system prompt, non-streaming', async () => {
    respond(todoReply);
    const plan = await planFiles(memorySource({ 'a.ts': 'const a = 1;\n// TODO x\n' }));
    const report = await reviewFiles(plan, { client: relay, model: 'deepseek-v3.2' });
    const body = sim.requests[0].body;
    assert.equal(body.stream, false);
    assert.equal(body.messages[0].content, REVIEW_SYSTEM_PROMPT);
    assert.match(body.messages[1].content, /^1 \| const a = 1;\n2 \| \/\/ TODO x$/m);
    assert.match(body.messages[1].content, /Path: a\.ts/);
    assert.match(body.messages[1].content, /Language: typescript/);
    assert.deepEqual(report.files.map((f) => ({ ...f, findings: f.findings.map(({ fingerprint, ...x }) => (assert.match(fingerprint ?? '', /^[0-9a-f]{32}:1$/), x)) })), [{ path: 'a.ts', status: 'reviewed', findings: [{ line: 2, severity: 'warning', message: 'Unfinished work (TODO)', rule: 'todo' }] }]);
    assert.equal(report.summary.promptTokens, 100);
    assert.equal(report.summary.completionTokens, 20);
    assert.ok(report.summary.costUsd > 0);
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    sim.setResponder(inWavesOf(3, todoReply));
    const report = await reviewFiles(await todoPlan(24), { client: relay, model: 'm', concurrency: 3 });
    assert.equal(report.summary.reviewed, 24);
    assert.equal(sim.maxInFlight, 3);
    assert.equal(report.peakInFlight, 3);
  });

  it('a 429 storm with retry hints ends with every file reviewed exactly once', async () => {
    respond((req, i) => (i % 3 === 0 && i < 30 ? errorScenario(429, { type: 'rate_limit' }, { 'retry-after-ms': '20' }) : todoReply(req)));
    const report = await reviewFiles(await todoPlan(20), { client: relay, model: 'm', concurrency: 4, maxRetries: 10 });
    const throttled = statuses.filter((s) => s === 429).length;
    assert.ok(throttled >= 5, `only ${throttled} throttled`);
    assert.equal(report.summary.reviewed, 20);
    assert.equal(report.summary.requests, 20 + throttled);
    assert.equal(sim.requests.length, 20 + throttled);
    assert.deepEqual([...answeredPerPath(sim.requests, statuses).values()], Array(20).fill(1));
    assert.equal(report.summary.findings, 20);
  });

  it('a 5xx burst is retried until every file is reviewed exactly once', async () => {
    respond((req, i) => (i < 6 ? errorScenario(i % 2 ? 502 : 500, { type: 'server_error' }) : todoReply(req)));
    const report = await reviewFiles(await todoPlan(10), { client: relay, model: 'm', concurrency: 4, retryBaseMs: 1, maxRetries: 8 });
    assert.equal(report.summary.reviewed, 10);
    assert.equal(report.summary.requests, 16);
    assert.deepEqual([...answeredPerPath(sim.requests, statuses).values()], Array(10).fill(1));
  });

  it('a retry hint delays the request that got it, not the others', async () => {
    const arrivals: { at: number; path: string }[] = [];
    let hintSentAt = 0;
    respond((req, i) => {
      arrivals.push({ at: Date.now(), path: pathOf(req) });
      if (i === 0) {
        hintSentAt = Date.now();
        return errorScenario(429, { type: 'rate_limit' }, { 'retry-after-ms': '400' });
      }
      return todoReply(req);
    });
    const report = await reviewFiles(await todoPlan(6), { client: relay, model: 'm', concurrency: 2 });
    assert.equal(report.summary.reviewed, 6);
    const throttledPath = arrivals[0].path;
    const retry = arrivals.findIndex((a, i) => i > 0 && a.path === throttledPath);
    assert.ok(retry > 2, `the retry was request ${retry}: other files waited for it`);
    assert.ok(arrivals[retry].at >= hintSentAt + 400 - 2, `the retry came ${hintSentAt + 400 - arrivals[retry].at} ms before its hint`);
  });

  it('the relay saying its budget is empty (remaining 0) pauses the whole pool until the budget is back', async () => {
    const arrivals: number[] = [];
    let emptyAt = 0;
    respond((req, i) => {
      arrivals.push(Date.now());
      const reply = todoReply(req);
      if (i !== 0) return reply;
      emptyAt = Date.now();
      return { ...reply, headers: { 'x-ratelimit-limit-requests': '1', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '300ms' } };
    });
    const report = await reviewFiles(await todoPlan(4), { client: relay, model: 'm', concurrency: 1 });
    assert.equal(report.summary.reviewed, 4);
    assert.ok(arrivals[1] >= emptyAt + 300 - 2, `the next request came ${emptyAt + 300 - arrivals[1]} ms early`);
  });

  it('at a relay with a real limit: every file reviewed once, requests = files + 429s, the throttle shown in progress', async () => {
    const limited = rateLimitedResponder({ ratePerSec: 40, burst: 3, reply: (req) => todoReply(req) });
    sim.setResponder(async (req) => {
      const scenario = await limited.responder(req);
      statuses.push(scenario.status ?? 200);
      return scenario;
    });
    const throttles: NonNullable<ReviewProgress['throttle']>[] = [];
    const report = await reviewFiles(await todoPlan(30), {
      client: relay,
      model: 'm',
      concurrency: 8,
      maxRetries: 3,
      onProgress: (p) => p.throttle && throttles.push(p.throttle),
    });
    assert.ok(limited.throttled >= 3, `only ${limited.throttled} throttled: the test did not reach the limit`);
    assert.equal(report.summary.reviewed, 30);
    assert.equal(report.summary.requests, 30 + limited.throttled);
    assert.equal(sim.requests.length, 30 + limited.throttled);
    assert.deepEqual([...answeredPerPath(sim.requests, statuses).values()], Array(30).fill(1));
    assert.ok(throttles.length > 0, 'progress never said the relay throttles the run');
    assert.ok(throttles.every((t) => t.concurrency <= 8 && t.requestsPerSecond > 0 && t.inFlight <= t.concurrency));
  });

  it('a 429 while other requests succeed between its attempts costs the file none of its retries', async () => {
    // The relay's clock moves 5 ms per request: at 100/s with a bucket of 1, every other request is
    // answered 429. One request at a time, so no success ever lands while a 429 is in flight (the
    // 429 comes back at once); the successes come while the throttled file waits for its retry.
    let clock = 0;
    const limited = rateLimitedResponder({ ratePerSec: 100, burst: 1, now: () => (clock += 5), reply: (req) => todoReply(req) });
    sim.setResponder(async (req) => {
      const scenario = await limited.responder(req);
      statuses.push(scenario.status ?? 200);
      return scenario;
    });
    const report = await reviewFiles(await todoPlan(8), { client: relay, model: 'm', concurrency: 1, maxRetries: 0, maxRetryWaitMs: 10 });
    assert.ok(limited.throttled >= 4, `only ${limited.throttled} throttled: the test did not reach the limit`);
    assert.deepEqual(report.files.filter((f) => f.status !== 'reviewed').map((f) => `${f.path}: ${f.status === 'failed' ? f.reason : f.status}`), []);
    assert.equal(sim.requests.length, 8 + limited.throttled);
    assert.equal(report.summary.requests, 8 + limited.throttled);
    assert.deepEqual([...answeredPerPath(sim.requests, statuses).values()], Array(8).fill(1));
  });

  for (const [name, scenario, kind] of [
    ['auth', errorScenario(401, { type: 'invalid_api_key' }), 'auth'],
    ['insufficient quota', errorScenario(429, { type: 'insufficient_quota', code: 'insufficient_quota' }), 'rate_limit'],
    ['model not found', errorScenario(404, { code: 'model_not_found' }), 'not_found'],
  ] as const) {
    it(`the circuit breaker stops the run on ${name}; unsent files fail with that kind`, async () => {
      respond(() => ({ ...scenario, delayMs: 10 }));
      const report = await reviewFiles(await todoPlan(30), { client: relay, model: 'm', concurrency: 2 });
      assert.ok(sim.requests.length <= 2, `${sim.requests.length} requests sent`);
      assert.equal(report.summary.failed, 30);
      assert.ok(report.files.every((f) => f.errorKind === kind));
      assert.ok(report.files.filter((f) => /^not sent: the run stopped/.test(f.reason ?? '')).length >= 28);
    });
  }

  it('the circuit breaker stops the run when the network is down for every request', async () => {
    const deadUrl = sim.url;
    await sim.close();
    const dead = client(deadUrl);
    try {
      const report = await reviewFiles(await todoPlan(40), { client: dead, model: 'm', concurrency: 2, maxRetries: 1, retryBaseMs: 1, networkFailuresToStop: 3 });
      assert.equal(report.summary.failed, 40);
      assert.ok(report.files.every((f) => f.errorKind === 'network'));
      // At most (threshold + concurrency) files x (retries + 1) attempts, instead of 40 x 2.
      assert.ok(report.summary.requests <= 10, `${report.summary.requests} requests`);
    } finally {
      await dead.close();
      sim = await startSimulator();
    }
  });

  it('a relay that refuses every connection stops the run after about one request per worker', async () => {
    const deadUrl = sim.url;
    await sim.close();
    const dead = client(deadUrl);
    try {
      const report = await reviewFiles(await todoPlan(100), { client: dead, model: 'm', concurrency: 8, maxRetries: 3 });
      assert.equal(report.stoppedBy?.kind, 'network');
      assert.equal(report.summary.failed, 100);
      assert.ok(report.summary.requests <= 16, `${report.summary.requests} requests`);
      const notSent = report.files.filter((f) => /^not sent: the run stopped after a network error/.test(f.reason ?? ''));
      assert.ok(notSent.length >= 100 - 16, `${notSent.length} reported as not sent`);
    } finally {
      await dead.close();
      sim = await startSimulator();
    }
  });

  it('a file sent and failed whose retry the stopped run never made gives its own error, not "not sent"', async () => {
    // The first request gets a 500 and waits for its retry; then the relay drops every connection.
    respond((_req, i) => (i === 0 ? errorScenario(500, { message: 'upstream broke', type: 'server_error' }) : { steps: [{ reset: true }] }));
    const report = await reviewFiles(await todoPlan(2), {
      client: relay, model: 'm', concurrency: 1, networkFailuresToStop: 1, retryBaseMs: 60_000, maxRetryWaitMs: 60_000,
    });
    assert.equal(report.stoppedBy?.kind, 'network');
    const [sentFirst, sentSecond] = sim.requests.map(pathOf);
    assert.equal(sim.requests.length, 2, 'one request per file, no retry');
    const result = (path: string) => report.files.find((f) => f.path === path);
    assert.equal(result(sentFirst)?.errorKind, 'server');
    const reason = result(sentFirst)?.reason ?? '';
    assert.match(reason, /upstream broke/);
    assert.ok(reason.endsWith(` (not retried: the run stopped after a network error (${report.stoppedBy?.message}))`), reason);
    assert.deepEqual([result(sentSecond)?.errorKind, result(sentSecond)?.reason], ['network', report.stoppedBy?.message]);
  });

  it('a file answered unusably whose reminder the stopped run never sent gives that reply\'s error, not "not sent"', async () => {
    // The first file gets prose instead of JSON; the second file's request (queued before the reminder) finds the relay gone.
    respond((_req, i) => (i === 0 ? { body: completion('Sure! The code looks fine.') } : { steps: [{ reset: true }] }));
    const report = await reviewFiles(await todoPlan(2), { client: relay, model: 'm', concurrency: 1, networkFailuresToStop: 1 });
    assert.equal(report.stoppedBy?.kind, 'network');
    assert.equal(sim.requests.length, 2, 'one request per file, no reminder');
    const answered = report.files.find((f) => f.path === pathOf(sim.requests[0]));
    assert.equal(answered?.errorKind, 'protocol');
    assert.match(answered?.reason ?? '', /^Unusable review reply: .+ \(not retried: the run stopped after a network error \(.+\)\)$/);
  });

  it('cancel aborts requests in flight and keeps the findings already received', async () => {
    respond((req, i) => ({ ...todoReply(req), delayMs: i < 2 ? 0 : 30_000 }));
    const controller = new AbortController();
    let reviewed = 0;
    const closed = sim.waitForClose();
    const report = await reviewFiles(await todoPlan(8), {
      client: relay, model: 'm', concurrency: 2, signal: controller.signal,
      onFile: (r) => {
        if (r.status === 'reviewed' && ++reviewed === 2) setImmediate(() => controller.abort());
      },
    });
    await closed;
    assert.equal(report.summary.reviewed, 2);
    assert.equal(report.summary.findings, 2);
    assert.equal(report.summary.failed, 6);
    assert.ok(report.files.filter((f) => f.status === 'failed').every((f) => f.errorKind === 'cancelled'));
    assert.ok(sim.requests.length <= 4);
  });

  it('a malformed reply fails that file (protocol), the others are reviewed', async () => {
    respond((req) => (String(req.body.messages[1].content).includes('file0001') ? { body: completion('Looks fine to me!') } : todoReply(req)));
    const report = await reviewFiles(await todoPlan(3), { client: relay, model: 'm' });
    const bad = report.files.find((f) => f.path === 'src/file0001.ts');
    assert.equal(bad?.status, 'failed');
    assert.equal(bad?.errorKind, 'protocol');
    assert.match(bad?.reason ?? '', /Looks fine to me/);
    assert.match(bad?.reason ?? '', /also after a reminder/);
    assert.equal(report.summary.reviewed, 2);
    assert.equal(sim.requests.filter((r) => String(r.body.messages[1].content).includes('file0001')).length, 2, 'asked once more, then failed');
  });

  it('an unparseable reply is asked again once with a stricter reminder; a good second answer counts', async () => {
    let first = true;
    respond((req) => {
      if (first) {
        first = false;
        return { body: completion('Sure! Here are my thoughts: the code is fine.') };
      }
      return todoReply(req);
    });
    const report = await reviewFiles(await todoPlan(1), { client: relay, model: 'm' });
    assert.equal(report.files[0].status, 'reviewed');
    assert.equal(report.files[0].findings.length, 1);
    const retry = sim.requests[1].body.messages;
    assert.deepEqual(retry.slice(-2).map((m: { role: string }) => m.role), ['assistant', 'user']);
    assert.equal(retry[retry.length - 1].content, STRICT_REMINDER);
    assert.equal(report.summary.requests, 2);
  });

  it('reads files when their turn comes: never more files open than the window ahead of the pool', async () => {
    respond((req) => ({ ...todoReply(req), delayMs: 5 }));
    let open = 0;
    let peak = 0;
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`f${i}.ts`] = `// TODO ${i}\n`;
    const source = memorySource(files);
    const counted = { ...source, read: async (p: string) => { open++; peak = Math.max(peak, open); return source.read(p); } };
    const plan = await planFiles(counted);
    assert.equal(open, 0, 'planning reads nothing');
    const report = await reviewFiles(plan, { client: relay, model: 'm', concurrency: 2, onFile: () => open-- });
    assert.equal(report.summary.reviewed, 60);
    assert.ok(peak <= 8, `at most 8 files read and not finished at once, saw ${peak}`);
  });

  it('large files go in overlapping chunks; lines map back and overlap duplicates merge', async () => {
    respond(todoReply);
    const lines = Array.from({ length: 30 }, (_, i) => (i + 1 === 9 || i + 1 === 25 ? `// TODO at ${i + 1}` : `const x${i + 1} = ${i + 1};`));
    const plan = await planFiles(memorySource({ 'big.ts': lines.join('\n') + '\n' }));
    const report = await reviewFiles(plan, { client: relay, model: 'm', chunk: { maxLines: 10, overlap: 2 } });
    assert.equal(sim.requests.length, 4);
    assert.deepEqual(sim.requests.map((r) => numberedLines(r).length).sort(), [10, 10, 10, 6]);
    assert.deepEqual(report.files[0].findings.map((f) => f.line), [9, 25]);
  });

  it('answers unchanged files from the cache, keyed by content and model', async () => {
    respond(todoReply);
    const cache = new MemoryCache();
    const first = await reviewFiles(await todoPlan(5), { client: relay, model: 'm', cache });
    assert.equal(first.summary.reviewed, 5);
    const second = await reviewFiles(await todoPlan(5), { client: relay, model: 'm', cache });
    assert.equal(second.summary.cached, 5);
    assert.equal(second.summary.requests, 0);
    assert.deepEqual(second.files.map((f) => f.findings), first.files.map((f) => f.findings));
    await reviewFiles(await todoPlan(5), { client: relay, model: 'other-model', cache });
    assert.equal(sim.requests.length, 10);
  });

  it('reports progress per file and passes skipped files through', async () => {
    respond(todoReply);
    const plan = await planFiles(memorySource({ 'a.ts': '// TODO\n', '.env': 'KEY=1\n', 'b.ts': 'ok\n' }));
    const seen: number[] = [];
    const report = await reviewFiles(plan, { client: relay, model: 'm', onProgress: (p) => seen.push(p.done + p.failed) });
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(report.files.map((f) => [f.path, f.status]), [['.env', 'skipped'], ['a.ts', 'reviewed'], ['b.ts', 'reviewed']]);
    assert.equal(report.summary.files, 3);
    assert.equal(report.summary.skipped, 1);
  });
});
