// A broken or hostile relay that sends an endless answer is cut off with a clear error, and the
// text already shown is kept.
import { strict as assert } from 'node:assert';
import { chunk, completion, sseEvent } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

describe('relay response size limit', () => {
  const s = useSimulator();

  it('cuts off a stream that grows past maxResponseBytes, as protocol, keeping the partial text', async () => {
    const piece = sseEvent(chunk({ content: 'y'.repeat(1000) }));
    s.sim.enqueue({ steps: Array.from({ length: 50 }, () => piece) });
    const shown: string[] = [];
    const err = await failure(client(s.sim, { maxResponseBytes: 10_000 }).chat(ask('hi', { onDelta: (d) => void shown.push(d.content ?? '') })));
    assert.equal(err.kind, 'protocol');
    assert.match(err.message, /larger than 10000 bytes/);
    assert.ok(err.partialText.length >= 8000 && err.partialText.length <= 10_000, `partial ${err.partialText.length}`);
    assert.equal(err.partialText, shown.join(''));
  });

  it('refuses a non-streaming body past the limit instead of holding it in memory', async () => {
    s.sim.enqueue({ body: completion('z'.repeat(50_000)) });
    const err = await failure(client(s.sim, { maxResponseBytes: 10_000 }).chat(ask('hi', { stream: false })));
    assert.equal(err.kind, 'protocol');
    assert.equal(err.retryable, false);
  });

  it('counts decoded bytes: a small gzip body that inflates past the limit is cut off (no decompression bomb)', async () => {
    s.sim.enqueue({ encoding: 'gzip', body: completion('z'.repeat(500_000)) });
    const err = await failure(client(s.sim, { maxResponseBytes: 10_000 }).chat(ask('hi', { stream: false })));
    assert.equal(err.kind, 'protocol');
    assert.match(err.message, /larger than 10000 bytes/);
  });

  it('accepts answers under the limit', async () => {
    s.sim.enqueue({ body: completion('fine') });
    assert.equal((await client(s.sim, { maxResponseBytes: 10_000 }).chat(ask('hi', { stream: false }))).text, 'fine');
  });
});
