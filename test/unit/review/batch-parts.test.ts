import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBatchApi, createRelayClient } from '../../../src/core/relay';
import { MemoryCache, memorySource, planFiles, reviewFiles } from '../../../src/core/review';
import { JobStore, MAX_POLL_MS, pollDelay, readResults, runBatchReview, type LineResult } from '../../../src/core/review/batch';
import { demoResponder } from '../../support/demo';
import { startSimulator, type Simulator } from '../../support/simulator';
import { completion } from '../../support/sse';

describe('batch review parts', () => {
  it('polls with a growing interval: the first wait as given, x1.5 each time, at most a minute, never under a second', () => {
    assert.deepEqual([0, 1, 2, 3].map((n) => pollDelay(n, 5000)), [5000, 7500, 11250, 16875]);
    assert.equal(pollDelay(20, 5000), MAX_POLL_MS);
    assert.equal(pollDelay(0, 10), 1000);
    assert.ok(Array.from({ length: 30 }, (_, n) => pollDelay(n)).every((d, i, all) => d >= 1000 && d <= MAX_POLL_MS && (i === 0 || d >= all[i - 1])));
  });

  it('reads result lines in any order by custom_id: answers, HTTP errors, Batch API errors; an answer wins over an error for the same line', () => {
    const into = new Map<string, LineResult>();
    const lines = [
      { id: 'r1', custom_id: 'b', response: { status_code: 429, body: { error: { message: 'slow', type: 'rate_limit_exceeded' } } }, error: null },
      { id: 'r2', custom_id: 'a', response: { status_code: 200, body: completion('{"findings": []}', { prompt_tokens: 5, completion_tokens: 1 }) }, error: null },
      { id: 'r3', custom_id: 'c', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } },
      { id: 'r4', custom_id: 'd', response: { status_code: 400, body: { error: { message: 'bad', type: 'invalid_request_error' } } }, error: null },
      { id: 'r5', custom_id: 'e', response: null, error: { code: 'batch_cancelled', message: 'cancelled' } },
    ];
    const { unreadable } = readResults(lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n', into);
    assert.equal(unreadable, 1);
    assert.deepEqual(into.get('a'), { ok: true, text: '{"findings": []}', usage: { promptTokens: 5, completionTokens: 1, totalTokens: 6, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } });
    assert.deepEqual([into.get('b')!.ok, (into.get('b') as { kind: string }).kind, (into.get('b') as { retryable: boolean }).retryable], [false, 'rate_limit', true]);
    assert.deepEqual([(into.get('c') as { retryable: boolean }).retryable, (into.get('c') as { code: string }).code], [true, 'batch_expired']);
    assert.deepEqual([(into.get('d') as { kind: string }).kind, (into.get('d') as { retryable: boolean }).retryable], ['bad_request', false]);
    assert.deepEqual([(into.get('e') as { kind: string }).kind, (into.get('e') as { retryable: boolean }).retryable], ['cancelled', false]);
    readResults(JSON.stringify({ custom_id: 'a', response: null, error: { code: 'server_error', message: 'x' } }), into);
    assert.equal(into.get('a')!.ok, true);
  });

  describe('the Batch API client', () => {
    let sim: Simulator;
    beforeEach(async () => {
      sim = await startSimulator();
    });
    afterEach(() => sim.close());

    it('retries a transient error of a call, never a 404 (no batch API), and keeps the key out of errors', async () => {
      const key = ['sk', 'parts-secret-0123456789'].join('-'); // built at run time: the tree holds nothing that looks like a key
      const api = createBatchApi({ baseUrl: sim.url, apiKey: key, retryBaseMs: 1, maxRetryWaitMs: 2 });
      sim.enqueue({ status: 503, body: { error: { message: 'busy' } } }, { body: { id: 'file-1', object: 'file' } });
      assert.equal(await api.uploadFile('x.jsonl', '{}\n'), 'file-1');
      assert.equal(sim.requests.length, 2);
      sim.enqueue({ status: 404, body: { error: { message: `no route (key ${key})` } } });
      await assert.rejects(api.createBatch({ inputFileId: 'file-1', endpoint: '/v1/chat/completions' }), (e: Error & { status: number }) => e.status === 404 && !e.message.includes(key));
      assert.equal(sim.requests.length, 3);
      await api.close();
    });
  });
});

describe('the demo relay serves the Batch API', () => {
  it('a batch review against the demo relay reports what its live review reports', async () => {
    const sim = await startSimulator();
    sim.setResponder(demoResponder());
    const dir = mkdtempSync(join(tmpdir(), 'demo-batch-'));
    const api = createBatchApi({ baseUrl: sim.url });
    const client = createRelayClient({ baseUrl: sim.url });
    try {
      const plan = await planFiles(memorySource({ 'a.js': 'try { run(); } catch (e) {}\nconsole.log("x");\n// TODO: tidy\n' }));
      const batched = await runBatchReview(plan, { api, baseUrl: sim.url, model: 'deepseek-v3.2', cache: new MemoryCache(), store: new JobStore(dir), sleep: async () => undefined });
      const live = await reviewFiles(plan, { client, model: 'deepseek-v3.2' });
      assert.ok(batched.summary.findings >= 3);
      assert.deepEqual(batched.files.map((f) => f.findings), live.files.map((f) => f.findings));
    } finally {
      await api.close();
      await client.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
