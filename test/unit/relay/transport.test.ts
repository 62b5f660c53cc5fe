// Request shape, headers, secrets, connection reuse, proxies and the model list.
import { strict as assert } from 'node:assert';
import { completionScenario, errorScenario, sseEvent, streamScenario } from '../../support/sse';
import { inWavesOf } from '../../support/waves';
import { KEY, ask, client, failure, useProxy, useSimulator } from './helpers';

describe('relay requests', () => {
  const s = useSimulator();

  it('posts {model, messages, stream, max_tokens, temperature} to {baseUrl}/chat/completions', async () => {
    s.sim.enqueue(completionScenario('ok'));
    await client(s.sim, { baseUrl: s.sim.url + '/' }).chat(ask('hello', { model: 'gpt4', stream: false, maxTokens: 50, temperature: 0.2 }));
    const [req] = s.sim.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/v1/chat/completions');
    assert.deepEqual(req.body, { model: 'gpt-4.1', messages: [{ role: 'user', content: 'hello' }], stream: false, max_tokens: 50, temperature: 0.2 });
  });

  it('sends Authorization only when a key is set, and merges extra headers', async () => {
    s.sim.enqueue(completionScenario('a'), completionScenario('b'));
    await client(s.sim, { headers: { 'X-Title': 'Relay Assistant' } }).chat(ask('hi', { stream: false }));
    await client(s.sim, { apiKey: '' }).chat(ask('hi', { stream: false }));
    assert.equal(s.sim.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.equal(s.sim.requests[0].headers['x-title'], 'Relay Assistant');
    assert.equal(s.sim.requests[1].headers.authorization, undefined);
  });

  it('never puts the key (or a secret extra header) in an error message', async () => {
    const secretHeader = 'azure-secret-99887766';
    s.sim.enqueue(
      errorScenario(401, { message: `Incorrect API key provided: ${KEY}` }),
      { steps: [sseEvent({ error: { message: `key ${KEY} and ${secretHeader} over quota`, type: 'insufficient_quota' } })] },
      { status: 500, headers: { 'content-type': 'text/plain' }, body: `upstream rejected Bearer ${KEY}` },
    );
    const c = client(s.sim, { headers: { 'api-key': secretHeader }, maxRetries: 0 });
    const errors = [await failure(c.chat(ask())), await failure(c.chat(ask())), await failure(c.chat(ask()))];
    assert.deepEqual(errors.map((e) => e.kind), ['auth', 'rate_limit', 'server']);
    for (const e of errors) {
      const shown = `${e.message} ${JSON.stringify(e)} ${String(e)} ${e.stack}`;
      assert.ok(!shown.includes(KEY), shown);
      assert.ok(!shown.includes(secretHeader), shown);
    }
  });

  it('N concurrent requests open N sockets, and the next batch reuses them', async () => {
    s.sim.setResponder(inWavesOf(6, () => completionScenario('ok')));
    const c = client(s.sim);
    const batch = () => Promise.all(Array.from({ length: 6 }, () => c.chat(ask('hi', { stream: false }))));
    await batch();
    assert.equal(s.sim.maxInFlight, 6);
    assert.equal(s.sim.socketsOpened, 6);
    await batch();
    assert.equal(s.sim.socketsOpened, 6);
  });

  it('a finished stream gives its socket back: consecutive streamed answers use one socket', async () => {
    // The relay ends the response a moment after [DONE] (as real ones do, in a separate packet).
    s.sim.setResponder(() => ({ steps: [...streamScenario(['a', 'b', 'c']).steps!, { delayMs: 5 }] }));
    const c = client(s.sim);
    for (let i = 0; i < 3; i++) assert.equal((await c.chat(ask('hi', { stream: true }))).text, 'abc');
    assert.equal(s.sim.socketsOpened, 1);
  });

  it('a relay that keeps the response open after [DONE] still ends the answer (and loses only its socket)', async () => {
    s.sim.enqueue({ steps: ['data: {"choices":[{"index":0,"delta":{"content":"done"}}]}\n\n', 'data: [DONE]\n\n', { stall: true }] });
    const c = client(s.sim, { idleTimeoutMs: 60_000 });
    assert.equal((await c.chat(ask('hi', { stream: true }))).text, 'done');
  });

  it('never opens more sockets than maxConnections', async () => {
    s.sim.setResponder(inWavesOf(2, () => completionScenario('ok')));
    const c = client(s.sim, { maxConnections: 2 });
    await Promise.all(Array.from({ length: 6 }, () => c.chat(ask('hi', { stream: false }))));
    assert.equal(s.sim.maxInFlight, 2);
    assert.equal(s.sim.socketsOpened, 2);
  });

  it('listModels returns data[].id, and [] on 404', async () => {
    const c = client(s.sim);
    const models = await c.listModels();
    assert.ok(models.some((m) => m.id === 'gpt-4.1'));
    s.sim.enqueue(errorScenario(404, {}));
    assert.deepEqual(await c.listModels(), []);
    s.sim.enqueue(errorScenario(401, {}));
    assert.equal((await failure(c.listModels())).kind, 'auth');
  });
});

describe('relay proxies', () => {
  const s = useSimulator();
  const px = useProxy();

  const relayHost = () => new URL(s.sim.url).host;

  it('goes through an explicit proxy URL', async () => {
    s.sim.enqueue(streamScenario(['via proxy']));
    const r = await client(s.sim, { proxy: { url: px.proxy.url } }).chat(ask());
    assert.equal(r.text, 'via proxy');
    assert.deepEqual(px.proxy.seen.map((p) => [p.method, p.target]), [['CONNECT', relayHost()]]);
    assert.equal(s.sim.requests.length, 1);
  });

  it('honours HTTP_PROXY from the environment', async () => {
    s.sim.enqueue(completionScenario('ok'));
    await client(s.sim, { env: { HTTP_PROXY: px.proxy.url } }).chat(ask('hi', { stream: false }));
    assert.equal(px.proxy.seen.length, 1);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    s.sim.enqueue(completionScenario('ok'));
    await client(s.sim, { env: { http_proxy: px.proxy.url, no_proxy: '127.0.0.1' } }).chat(ask('hi', { stream: false }));
    assert.equal(px.proxy.seen.length, 0);
    assert.equal(s.sim.requests.length, 1);
  });

  it('an explicit proxy URL wins over the environment', async () => {
    s.sim.enqueue(completionScenario('ok'));
    await client(s.sim, { proxy: { url: px.proxy.url }, env: { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '*' } }).chat(ask('hi', { stream: false }));
    assert.equal(px.proxy.seen.length, 1);
  });
});
