// Transport: Content-Encoding gzip / deflate / br decoded whether or not the client asked,
// incrementally for streams, error bodies and /models too (relay-protocol.md).
import { strict as assert } from 'node:assert';
import { startProxy, type TestProxy } from '../../support/proxy';
import type { Encoding } from '../../support/simulator';
import { DONE, chunk, completion, errorScenario, modelList, sseEvent, streamSteps } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

const once = (o = {}) => ask('hi', { stream: false, maxRetries: 0, fallbackModels: [], ...o });
const ENCODINGS: Encoding[] = ['gzip', 'deflate', 'deflate-raw', 'br'];

/** Resolves with 'gate' when open() is called, or 'timeout' if the client never gets that far. */
function gate(): { open: () => void; reached: Promise<'gate' | 'timeout'> } {
  let open = () => {};
  const opened = new Promise<'gate'>((resolve) => (open = () => resolve('gate')));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 5_000)));
  return { open, reached: Promise.race([opened, timeout]).finally(() => clearTimeout(timer)) };
}

describe('relay compressed bodies', () => {
  const s = useSimulator();

  for (const encoding of ENCODINGS) {
    it(`reads a ${encoding} JSON answer (not asked for)`, async () => {
      s.sim.enqueue({ encoding, body: completion('unpacked', { prompt_tokens: 3, completion_tokens: 1 }) });
      const r = await client(s.sim).chat(once());
      assert.equal(r.text, 'unpacked');
      assert.equal(r.usage?.totalTokens, 4);
      assert.equal(s.sim.requests[0].headers['accept-encoding'], undefined);
    });

    it(`reads a ${encoding} SSE stream with one flushed block per event`, async () => {
      s.sim.enqueue({ encoding, steps: streamSteps(['squ', 'ashed', ' größe']) });
      assert.equal((await client(s.sim).chat(ask())).text, 'squashed größe');
    });

    it(`classifies a ${encoding} error body by its code (context_length, not bad_request)`, async () => {
      s.sim.enqueue({ ...errorScenario(400, { code: 'context_length_exceeded', message: 'too long' }), encoding });
      const e = await failure(client(s.sim).chat(once()));
      assert.equal(e.kind, 'context_length');
      assert.match(e.message, /too long/);
    });
  }

  for (const encoding of ['gzip', 'br'] as const) {
    it(`yields each ${encoding} event as it arrives, not at the end of the stream`, async () => {
      const g = gate();
      s.sim.enqueue({ encoding, steps: [sseEvent(chunk({ content: 'first' })), { until: g.reached }, sseEvent(chunk({ content: ' then', finish: 'stop' })), DONE] });
      const seen: string[] = [];
      const r = await client(s.sim).chat(
        ask('hi', {
          onDelta: (d) => {
            seen.push(d.content ?? '');
            g.open();
          },
        }),
      );
      assert.equal(await g.reached, 'gate', 'the first event was not decoded before the relay sent the rest');
      assert.deepEqual(seen, ['first', ' then']);
      assert.equal(r.text, 'first then');
    });
  }

  it('reads a compressed model list', async () => {
    s.sim.enqueue({ encoding: 'gzip', body: modelList(['zipped']) });
    assert.deepEqual(await client(s.sim).listModels(), [{ id: 'zipped', ownedBy: 'simulator' }]);
  });

  it('reads a compressed error body on /models and on a stream request', async () => {
    s.sim.enqueue({ ...errorScenario(401, { message: 'bad key' }), encoding: 'br' });
    const e = await failure(client(s.sim).listModels());
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /bad key/);
    s.sim.enqueue({ ...errorScenario(429, { type: 'insufficient_balance', message: 'top up' }), encoding: 'gzip' });
    const e2 = await failure(client(s.sim).chat(ask()));
    assert.equal(e2.kind, 'rate_limit');
    assert.equal(e2.retryable, false);
    assert.equal(s.sim.requests.length, 2);
  });

  it('decodes gzip then br when both were applied (Content-Encoding: gzip, br)', async () => {
    const zlib = await import('node:zlib');
    const body = zlib.brotliCompressSync(zlib.gzipSync(JSON.stringify(completion('twice'))));
    s.sim.enqueue({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip, br' }, steps: [body] });
    assert.equal((await client(s.sim).chat(once())).text, 'twice');
  });

  it('a compressed stream cut mid-way keeps the text so far as stream_interrupted', async () => {
    s.sim.enqueue({ encoding: 'gzip', steps: [sseEvent(chunk({ content: 'half' })), { reset: true }] });
    const e = await failure(client(s.sim).chat(ask('hi', { maxRetries: 0 })));
    assert.equal(e.kind, 'stream_interrupted');
    assert.equal(e.partialText, 'half');
  });

  it('a body that is not what its Content-Encoding says is protocol', async () => {
    s.sim.enqueue({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: JSON.stringify(completion('plain')) });
    assert.equal((await failure(client(s.sim).chat(once()))).kind, 'protocol');
  });

  it('an encoding the client cannot decode is protocol, naming it', async () => {
    s.sim.enqueue({ headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' }, body: 'xx' });
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /zstd/);
  });

  it('a compressed stream still gives its socket back for the next request', async () => {
    s.sim.setResponder(() => ({ encoding: 'gzip', steps: [...streamSteps(['a', 'b']), { delayMs: 5 }] }));
    const c = client(s.sim);
    for (let i = 0; i < 3; i++) assert.equal((await c.chat(ask())).text, 'ab');
    assert.equal(s.sim.socketsOpened, 1);
  });
});

describe('relay compressed bodies through a proxy', () => {
  const s = useSimulator();
  let proxy: TestProxy;
  before(async () => {
    proxy = await startProxy();
  });
  after(async () => proxy.close());

  it('decodes a gzip stream and a br answer through an explicit proxy and HTTPS_PROXY', async () => {
    s.sim.enqueue({ encoding: 'gzip', steps: streamSteps(['through ', 'proxy']) }, { encoding: 'br', body: completion('env') });
    assert.equal((await client(s.sim, { proxy: { url: proxy.url } }).chat(ask())).text, 'through proxy');
    assert.equal((await client(s.sim, { env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } }).chat(once())).text, 'env');
    assert.equal(proxy.seen.length, 2);
  });
});
