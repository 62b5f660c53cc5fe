import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { createRelayClient } from '../../../src/core/relay';
import { loadPlanned, memorySource, parseUnifiedDiff, planFiles, reviewFiles, reviewKey, type FileDiff, type ReviewPlan } from '../../../src/core/review';
import { BatchUnsupportedError, NO_BATCH_API, batchLines, cancelBatchJob, collectBatchReview, runBatchReview, splitBatches, submitBatchReview } from '../../../src/core/review/batch';
import type { BatchSim } from '../../support/batchSim';
import { startSimulator, type Simulator } from '../../support/simulator';
import { harness, numberedOf, todoAnswer, type Harness } from './batchHelpers';
import { todoReply } from './helpers';

const FILES = {
  'src/a.ts': 'const a = 1;\n// TODO a\n',
  'src/b.ts': '// TODO b first\nconst b = 2;\n// TODO b third\n',
  'src/copy-of-a.ts': 'const a = 1;\n// TODO a\n',
  'src/clean.ts': 'export const ok = true;\n',
  // 900 lines: three chunks of 400 lines with 20 lines of overlap; TODOs far into the file.
  'src/big.ts': Array.from({ length: 900 }, (_, i) => (i + 1 === 450 || i + 1 === 899 ? `// TODO line ${i + 1}` : `const v${i + 1} = ${i + 1};`)).join('\n') + '\n',
};

describe('review through the batch API (simulator)', () => {
  let sim: Simulator;
  let batches: BatchSim;
  let h: Harness;
  let plan: ReviewPlan;

  beforeEach(async () => {
    sim = await startSimulator();
    batches = sim.enableBatches({ answer: todoAnswer });
    h = harness(sim.url);
    plan = await planFiles(memorySource(FILES));
  });
  afterEach(async () => {
    await h.dispose();
    await sim.close();
  });

  const lineOf = (path: string, n: number) => ({ path, line: n });
  const found = (o: { files: { path: string; findings: { line: number }[] }[] }) => o.files.flatMap((f) => f.findings.map((x) => lineOf(f.path, x.line)));

  it('uploads valid JSONL (unique custom_ids, one model, chat endpoint) and maps the shuffled output to the right files and lines', async () => {
    const outcome = await runBatchReview(plan, h.options());
    assert.equal(batches.created, 1);
    const upload = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/files')!;
    assert.match(String(upload.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.equal(upload.headers.authorization, `Bearer ${h.options().secrets![0]}`);
    const [id] = batches.batchIds();
    const lines = batches.lines(id);
    // identical files are asked once; big.ts is three chunks
    assert.equal(lines.length, 1 + 1 + 1 + 3);
    assert.equal(new Set(lines.map((l) => l.custom_id)).size, lines.length);
    assert.deepEqual([...new Set(lines.map((l) => l.body.model))], ['deepseek-v3.2']);
    assert.ok(lines.every((l) => l.method === 'POST' && l.url === '/v1/chat/completions'));
    const create = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/batches')!;
    assert.equal(create.body.completion_window, '24h');
    assert.equal(create.body.endpoint, '/v1/chat/completions');
    assert.deepEqual(found(outcome), [
      lineOf('src/a.ts', 2), lineOf('src/b.ts', 1), lineOf('src/b.ts', 3), lineOf('src/big.ts', 450), lineOf('src/big.ts', 899), lineOf('src/copy-of-a.ts', 2),
    ]);
    assert.equal(outcome.summary.reviewed, 5);
    assert.equal(outcome.summary.failed, 0);
    assert.deepEqual(readdirSync(h.dir).filter((n) => n.startsWith('batch-')), [], 'the job record is removed once collected');
  });

  it('gives the same findings as a live review of the same files', async () => {
    const batched = await runBatchReview(plan, h.options());
    sim.setResponder(todoReply);
    const client = createRelayClient({ baseUrl: sim.url });
    const live = await reviewFiles(plan, { client, model: 'deepseek-v3.2' });
    await client.close();
    assert.deepEqual(batched.files.map((f) => [f.path, f.status === 'cached' ? 'reviewed' : f.status, f.findings]), live.files.map((f) => [f.path, f.status, f.findings]));
  });

  it('PR mode: only the chunks with changed lines are sent and only findings on added lines are kept, as on the live path', async () => {
    const source = memorySource(FILES);
    // src/b.ts changed its line 3 only; src/big.ts its line 899 (the last chunk): the other files are unchanged.
    const diffs: Record<string, FileDiff> = { 'src/b.ts': parseUnifiedDiff('@@ -3,1 +3,1 @@\n-x\n+// TODO b third\n'), 'src/big.ts': parseUnifiedDiff('@@ -899,1 +899,1 @@\n-x\n+// TODO line 899\n') };
    const pr = await planFiles({ ...source, list: async () => (await source.list()).filter((e) => e.path in diffs), diffOf: (path) => diffs[path] });
    const batched = await runBatchReview(pr, h.options({ filter: 'added' }));
    const sent = batches.lines(batches.batchIds()[0]);
    assert.equal(sent.length, 2, 'one chunk of src/b.ts and the last chunk of src/big.ts');
    assert.deepEqual(found(batched), [lineOf('src/b.ts', 3), lineOf('src/big.ts', 899)]);
    sim.setResponder(todoReply);
    const client = createRelayClient({ baseUrl: sim.url });
    const live = await reviewFiles(pr, { client, model: 'deepseek-v3.2', diffFilter: 'added' });
    await client.close();
    assert.deepEqual(batched.files.map((f) => [f.path, f.findings]), live.files.map((f) => [f.path, f.findings]));
  });

  it('answers cached files from the cache and does not submit them; a second run submits nothing', async () => {
    const o = h.options();
    const one = await planFiles(memorySource({ 'src/a.ts': FILES['src/a.ts'] }));
    await runBatchReview(one, o);
    const again = await runBatchReview(plan, o);
    assert.equal(batches.created, 2);
    const second = batches.lines(batches.batchIds()[1]);
    assert.equal(second.length, 5, 'a.ts (and its copy) came from the cache');
    assert.equal(again.files.find((f) => f.path === 'src/a.ts')!.status, 'cached');
    const third = await runBatchReview(plan, o);
    assert.equal(batches.created, 2);
    assert.equal(third.summary.cached, 5);
  });

  it('retries error lines once in a new batch; a line that fails again and a 400 line are reported failed', async () => {
    const seen = new Map<string, number>();
    batches.configure({
      answer: (body, customId) => {
        const path = /Path: (.*)/.exec(String((body.messages as { content: string }[])[1].content))![1];
        const n = (seen.get(customId) ?? 0) + 1;
        seen.set(customId, n);
        if (path === 'src/a.ts' && n === 1) return { status: 500, body: { error: { message: 'upstream hiccup', type: 'server_error' } } };
        if (path === 'src/b.ts') return { status: 503, body: { error: { message: 'still down', type: 'server_error' } } };
        if (path === 'src/clean.ts') return { status: 400, body: { error: { message: 'bad body', type: 'invalid_request_error' } } };
        return todoAnswer(body);
      },
    });
    const outcome = await runBatchReview(plan, h.options());
    assert.equal(batches.created, 2);
    const retried = batches.lines(batches.batchIds()[1]).map((l) => numberedOf(l.body).length);
    assert.equal(retried.length, 2, 'a.ts and b.ts went again; clean.ts (400) did not');
    const byPath = new Map(outcome.files.map((f) => [f.path, f]));
    assert.equal(byPath.get('src/a.ts')!.status, 'reviewed');
    assert.equal(byPath.get('src/b.ts')!.status, 'failed');
    assert.equal(byPath.get('src/b.ts')!.errorKind, 'server');
    assert.match(byPath.get('src/b.ts')!.reason!, /still down/);
    assert.equal(byPath.get('src/clean.ts')!.errorKind, 'bad_request');
    assert.equal(outcome.summary.failed, 2);
  });

  it('an expired batch: the missing lines go again once, in a new batch', async () => {
    batches.configure({ expireAfter: 2, pollsInProgress: 1 });
    const o = h.options();
    const submitted = await submitBatchReview(plan, o);
    batches.configure({ expireAfter: undefined });
    const collected = await collectBatchReview(submitted.job!, { ...o, plan });
    assert.equal(batches.created, 2);
    assert.equal(batches.lines(batches.batchIds()[1]).length, 4);
    assert.ok(collected!.files.every((f) => f.status === 'reviewed'), JSON.stringify(collected!.files));
  });

  it('an expired batch collected without the plan (after a reload): the retry lines are read back from the input file', async () => {
    batches.configure({ expireAfter: 2, pollsInProgress: 1 });
    const o = h.options();
    const submitted = await submitBatchReview(plan, o);
    batches.configure({ expireAfter: undefined });
    const collected = await collectBatchReview(submitted.job!, o);
    const inputId = sim.requests.find((r) => r.method === 'GET' && /\/files\/file-\w+\/content$/.test(r.path) && batches.file(r.path.split('/')[3])?.includes('"url":"/v1/chat/completions"'));
    assert.ok(inputId, 'the input file was downloaded');
    assert.equal(batches.created, 2);
    const first = new Map(batches.lines(batches.batchIds()[0]).map((l) => [l.custom_id, l]));
    for (const line of batches.lines(batches.batchIds()[1])) assert.deepEqual(line, first.get(line.custom_id), 'the retried line is the one first sent');
    assert.equal(batches.lines(batches.batchIds()[1]).length, 4);
    assert.ok(collected!.files.every((f) => f.status === 'reviewed'), JSON.stringify(collected!.files));
  });

  it('an expired batch, twice: the files still missing are failed with the reason', async () => {
    batches.configure({ expireAfter: 2, pollsInProgress: 1 });
    const outcome = await runBatchReview(plan, h.options());
    assert.equal(batches.created, 2);
    const failed = outcome.files.filter((f) => f.status === 'failed');
    assert.ok(failed.length > 0);
    assert.ok(failed.every((f) => f.errorKind === 'timeout' && /expired/.test(f.reason!)), JSON.stringify(failed));
  });

  it('--batch-fallback live: failed lines go through the live path instead of a new batch', async () => {
    batches.configure({ expireAfter: 2, pollsInProgress: 1 });
    sim.setResponder(todoReply);
    const client = createRelayClient({ baseUrl: sim.url });
    const outcome = await runBatchReview(plan, h.options({ retryWith: 'live', live: { client } }));
    await client.close();
    assert.equal(batches.created, 1);
    const live = sim.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.ok(live.length >= 1);
    assert.equal(outcome.summary.failed, 0);
    assert.deepEqual(found(outcome).length, 6);
    // Each token priced once: the batch's answers at half price, the live retries at the full price.
    const answeredInBatch = 2;
    const expected = (answeredInBatch * (1000 * 0.28 + 100 * 0.42) * 0.5 + live.length * (100 * 0.28 + 20 * 0.42)) / 1_000_000;
    assert.ok(Math.abs(outcome.summary.costUsd - expected) < 1e-12, `${outcome.summary.costUsd} != ${expected}`);
    assert.equal(outcome.summary.promptTokens, answeredInBatch * 1000 + live.length * 100);
  });

  it('a failed batch reports the relay\'s message and fails its files', async () => {
    batches.configure({ failWith: [{ code: 'invalid_request', message: 'Model deepseek-v3.2 is not available for batch', line: 1 }] });
    const outcome = await runBatchReview(plan, h.options());
    assert.match(outcome.failedBatch!, /not available for batch/);
    assert.equal(outcome.summary.failed, 5);
    assert.match(outcome.files[0].reason!, /rejected the batch: line 1: Model deepseek-v3.2 is not available/);
    assert.equal(batches.created, 1);
  });

  it('costs at the batch price: half by default, batchPriceFactor per model, a run override', async () => {
    const full = (1000 * 0.28 + 100 * 0.42) / 1_000_000;
    const requests = 6;
    const half = await runBatchReview(plan, h.options());
    assert.ok(Math.abs(half.summary.costUsd - requests * full * 0.5) < 1e-12, String(half.summary.costUsd));
    assert.equal(half.summary.promptTokens, requests * 1000);
    await h.options().cache.clear();
    const quarter = await runBatchReview(plan, h.options({ models: { 'deepseek-v3.2': { batchPriceFactor: 0.25 } } }));
    assert.ok(Math.abs(quarter.summary.costUsd - requests * full * 0.25) < 1e-12);
    await h.options().cache.clear();
    const override = await runBatchReview(plan, h.options({ models: { 'deepseek-v3.2': { batchPriceFactor: 0.25 } }, priceFactor: 0.6 }));
    assert.ok(Math.abs(override.summary.costUsd - requests * full * 0.6) < 1e-12);
  });

  it('a relay without a batch API (404 on /files) ends before anything is created', async () => {
    sim.reset(); // no batch routes: 404
    sim.setResponder(() => ({ status: 404, body: { error: { message: 'Not Found', type: 'not_found' } } }));
    await assert.rejects(runBatchReview(plan, h.options()), (e: unknown) => e instanceof BatchUnsupportedError && e.message === NO_BATCH_API);
    assert.deepEqual(sim.requests.map((r) => `${r.method} ${r.path}`), ['POST /v1/files']);
    assert.deepEqual(readdirSync(h.dir), []);
  });

  it('405 on /batches after the upload is the same: nothing created, no record left', async () => {
    sim.setResponder(() => ({ status: 405, body: { error: { message: 'Method Not Allowed' } } }));
    const real = batches.handle;
    batches.handle = (req) => (req.path.startsWith('/v1/batches') ? null : real(req));
    await assert.rejects(runBatchReview(plan, h.options()), BatchUnsupportedError);
    assert.equal(batches.created, 0);
    assert.deepEqual(readdirSync(h.dir).filter((n) => n.startsWith('batch-')), []);
  });

  it('records the job the moment the batch exists; the same plan picks it up instead of submitting again', async () => {
    batches.configure({ hold: true });
    const o = h.options();
    const first = await runBatchReview(plan, { ...o, wait: false });
    assert.equal(first.pending, true);
    assert.equal(first.batchIds.length, 1);
    assert.deepEqual(readdirSync(h.dir).filter((n) => n.startsWith('batch-')).length, 1);
    const still = await runBatchReview(plan, { ...o, wait: false });
    assert.equal(still.pending, true);
    assert.equal(still.resumed, true);
    batches.release();
    const done = await runBatchReview(plan, o);
    assert.equal(done.resumed, true);
    assert.deepEqual(done.batchIds, first.batchIds);
    assert.equal(batches.created, 1);
    assert.equal(done.summary.reviewed, 5);
  });

  it('a record left while the batch was being created is matched to the batch by its input file', async () => {
    const o = h.options();
    const sub = await submitBatchReview(plan, { ...o });
    const record = sub.job!;
    record.batches[0].id = null; // as if the process died before the answer to POST /batches
    record.batches[0].status = 'submitting';
    await o.store.save(record);
    const done = await runBatchReview(plan, o);
    assert.equal(batches.created, 1);
    assert.equal(done.summary.reviewed, 5);
  });

  it('cancel: the relay is asked to cancel; answered lines are kept, the rest are failed as cancelled', async () => {
    batches.configure({ pollsInProgress: 6 });
    const o = h.options();
    const sub = await submitBatchReview(plan, o);
    // one poll: validating -> in_progress; a second answers one line of six
    await collectBatchReview(sub.job!, { ...o, wait: false });
    await h.api.getBatch(sub.job!.batches[0].id!);
    const cancelled = await cancelBatchJob(sub.job!, h.api);
    assert.deepEqual(cancelled, [sub.job!.batches[0].id]);
    assert.ok(sim.requests.some((r) => r.method === 'POST' && r.path === `/v1/batches/${cancelled[0]}/cancel`));
    const collected = await collectBatchReview(sub.job!, { ...o, plan });
    assert.equal(batches.created, 1, 'cancelled lines are not retried');
    const statuses = collected!.files.map((f) => f.status);
    assert.ok(statuses.includes('failed'));
    assert.ok(collected!.files.filter((f) => f.status === 'failed').every((f) => f.errorKind === 'cancelled'));
  });

  it('splits above the line limit into several batches, a file\'s chunks together', async () => {
    const o = h.options({ limits: { maxLines: 3 } });
    const lines = await batchLines(plan.files, o);
    const groups = splitBatches(lines, { maxLines: 3 });
    assert.ok(groups.every((g) => g.length <= 3));
    const outcome = await runBatchReview(plan, o);
    assert.equal(batches.created, groups.length);
    assert.ok(groups.length >= 2);
    assert.equal(outcome.summary.reviewed, 5);
    const big = lines.filter((l) => l.ref.paths.includes('src/big.ts')).map((l) => l.customId);
    assert.ok(groups.some((g) => big.every((id) => g.some((l) => l.customId === id))));
  });

  it('splits above the byte limit too; a file bigger than the limit still goes, alone', async () => {
    const lines = await batchLines(plan.files, { model: 'deepseek-v3.2' });
    const bytes = (g: { json: string }[]) => g.reduce((n, l) => n + Buffer.byteLength(l.json) + 1, 0);
    const limit = Math.max(...lines.map((l) => Buffer.byteLength(l.json) + 1)) + 10;
    const groups = splitBatches(lines, { maxBytes: limit });
    assert.equal(groups.flat().length, lines.length);
    for (const g of groups) assert.ok(bytes(g) <= limit || new Set(g.map((l) => l.ref.key)).size === 1, `a group of ${bytes(g)} bytes mixes files`);
    assert.ok(groups.length >= 3);
  });

  it('custom_ids derive from the live review key (reviewKey): same content and model, same ids; another model, other ids', async () => {
    const a = await batchLines(plan.files, { model: 'deepseek-v3.2' });
    const b = await batchLines(plan.files, { model: 'deepseek' });
    const c = await batchLines(plan.files, { model: 'gpt-4.1' });
    assert.deepEqual(a.map((l) => l.customId), b.map((l) => l.customId));
    assert.ok(a.every((l) => !c.some((m) => m.customId === l.customId)));
    const first = await loadPlanned(plan.files[0]);
    assert.ok(!('skip' in first));
    assert.ok(a[0].customId.includes(reviewKey(first, 'deepseek-v3.2').slice(0, 40)));
  });
});
