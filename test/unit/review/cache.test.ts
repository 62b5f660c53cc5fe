import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryCache, PROMPT_VERSION, cacheKey, estimateReview, memorySource, planFiles, sha256 } from '../../../src/core/review';

describe('review cache and estimate', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'review-cache-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('persists findings across instances and clears only its own entries', async () => {
    const key = cacheKey(sha256('content'), 'deepseek-v3.2');
    await new DirectoryCache(dir).set(key, [{ line: 1, severity: 'info', message: 'm' }]);
    assert.deepEqual(await new DirectoryCache(dir).get(key), [{ line: 1, severity: 'info', message: 'm' }]);
    await writeFile(join(dir, 'keep.txt'), 'not ours');
    await new DirectoryCache(dir).clear();
    assert.equal(await new DirectoryCache(dir).get(key), undefined);
    assert.deepEqual(await readdir(dir), ['keep.txt']);
  });

  it('keys by content, prompt version and resolved model', () => {
    const h = sha256('x');
    assert.equal(cacheKey(h, 'deepseek'), cacheKey(h, 'deepseek-v3.2'));
    assert.notEqual(cacheKey(h, 'deepseek-v3.2'), cacheKey(h, 'gpt-4.1'));
    assert.notEqual(cacheKey(h, 'm'), cacheKey(sha256('y'), 'm'));
    assert.equal(cacheKey(h, 'm'), sha256(`${h}\u0000${PROMPT_VERSION}\u0000m`));
  });

  it('ignores corrupt entries', async () => {
    const key = cacheKey(sha256('c'), 'm');
    await writeFile(join(dir, `${key}.json`), '{not json');
    assert.equal(await new DirectoryCache(dir).get(key), undefined);
  });

  it('estimates files, tokens and cost with the review model, leaving out cached files', async () => {
    const plan = await planFiles(memorySource({ 'a.ts': 'x'.repeat(4000), 'b.ts': 'y'.repeat(4000), '.env': 'K=1' }));
    const cache = new DirectoryCache(dir);
    await cache.set(cacheKey(sha256('y'.repeat(4000)), 'deepseek-v3.2'), []);
    const e = await estimateReview(plan, { model: 'deepseek-v3.2', cache });
    assert.equal(e.files, 1);
    assert.equal(e.cachedFiles, 1);
    assert.equal(e.skippedFiles, 1);
    assert.equal(e.requests, 1);
    assert.ok(e.promptTokens > 1000 && e.promptTokens < 1300, String(e.promptTokens));
    assert.equal(e.costUsd, (e.promptTokens * 0.28 + e.completionTokens * 0.42) / 1e6);
    assert.equal((await estimateReview(plan, { model: 'unknown-model' })).costUsd, null);
  });
});

describe('review cache: one relay never answers for another', () => {
  it('keys entries by relay origin: findings cached for one relay are not found for another', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relay-cache-origin-'));
    try {
      const key = cacheKey(sha256('same content'), 'deepseek-v3.2');
      await new DirectoryCache(dir, 'https://relay-a.example').set(key, [{ line: 1, severity: 'info', message: 'from A' }]);
      assert.deepEqual(await new DirectoryCache(dir, 'https://relay-a.example').get(key), [{ line: 1, severity: 'info', message: 'from A' }]);
      assert.equal(await new DirectoryCache(dir, 'https://relay-b.example').get(key), undefined);
      assert.notEqual(cacheKey(sha256('x'), 'm', 'https://relay-a.example'), cacheKey(sha256('x'), 'm', 'https://relay-b.example'));
      await new DirectoryCache(dir, 'https://relay-b.example').clear();
      assert.equal(await new DirectoryCache(dir, 'https://relay-a.example').get(key), undefined, 'Clear Review Cache removes every relay\'s entries');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
