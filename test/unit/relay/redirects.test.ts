// Transport: redirects (relay-protocol.md). Same-origin 307/308 repeat the request; 301/302/303
// only for GET; another origin never gets the key; a loop or too many hops is `protocol`.
import { strict as assert } from 'node:assert';
import { startSimulator, type Simulator } from '../../support/simulator';
import { completionScenario, errorScenario, modelList, redirectScenario, streamScenario } from '../../support/sse';
import { KEY, ask, client, failure, useProxy, useSimulator } from './helpers';

const once = (o = {}) => ask('hi', { stream: false, maxRetries: 0, fallbackModels: [], ...o });

describe('relay redirects', () => {
  const s = useSimulator();
  let other: Simulator;
  before(async () => {
    other = await startSimulator();
  });
  beforeEach(() => other.reset());
  after(async () => other.close());

  for (const status of [307, 308] as const) {
    it(`follows a same-origin ${status} with the same method, headers and body (relative Location)`, async () => {
      s.sim.enqueue(redirectScenario(status, '/v2/chat/completions'), completionScenario('moved'));
      const r = await client(s.sim, { headers: { 'X-Title': 'Relay Assistant' } }).chat(once({ messages: [{ role: 'user', content: 'same body' }] }));
      assert.equal(r.text, 'moved');
      const [first, second] = s.sim.requests;
      assert.deepEqual([first.method, first.path, second.method, second.path], ['POST', '/v1/chat/completions', 'POST', '/v2/chat/completions']);
      assert.deepEqual(second.body, first.body);
      assert.equal(second.headers.authorization, `Bearer ${KEY}`);
      assert.equal(second.headers['x-title'], 'Relay Assistant');
      assert.equal(second.headers['content-type'], 'application/json');
    });
  }

  it('follows an absolute same-origin Location, streaming too', async () => {
    s.sim.enqueue(redirectScenario(308, `${s.sim.url}/stream-here`), streamScenario(['str', 'eamed']));
    const r = await client(s.sim).chat(ask());
    assert.equal(r.text, 'streamed');
    assert.equal(s.sim.requests[1].path, '/v1/stream-here');
    assert.equal(s.sim.requests[1].body.stream, true);
  });

  it('follows up to 5 hops, and fails as protocol on the 6th', async () => {
    for (let i = 1; i <= 5; i++) s.sim.enqueue(redirectScenario(307, `/hop${i}`));
    s.sim.enqueue(completionScenario('after five'));
    assert.equal((await client(s.sim).chat(once())).text, 'after five');
    s.sim.reset();
    for (let i = 1; i <= 6; i++) s.sim.enqueue(redirectScenario(307, `/hop${i}`));
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'protocol');
    assert.equal(e.retryable, false);
    assert.match(e.message, /more than 5/);
    assert.equal(s.sim.requests.length, 6);
  });

  it('stops a redirect loop as protocol, naming where it loops', async () => {
    s.sim.setResponder((req) => (req.path === '/v1/chat/completions' ? redirectScenario(307, '/v1/b') : redirectScenario(307, '/v1/chat/completions')));
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /loop.*\/v1\/chat\/completions/);
    assert.equal(s.sim.requests.length, 2);
  });

  it('never follows a redirect to another origin: fails as protocol naming the new URL, and sends it nothing', async () => {
    s.sim.enqueue(redirectScenario(308, `${other.url}/chat/completions`));
    const e = await failure(client(s.sim).chat(once()));
    assert.equal(e.kind, 'protocol');
    assert.equal(e.status, 308);
    assert.equal(e.retryable, false);
    assert.ok(e.message.includes(`${other.url}/chat/completions`), e.message);
    assert.ok(e.message.includes(`set the base URL to ${other.url}`), e.message);
    assert.ok(!e.message.includes(KEY));
    assert.equal(other.requests.length, 0);
    assert.equal(s.sim.requests.length, 1);
  });

  it('a different scheme or port is another origin too (http -> https on the same host)', async () => {
    const host = new URL(s.sim.url).host;
    s.sim.enqueue(redirectScenario(301, `https://${host}/v1/models`));
    const e = await failure(client(s.sim).listModels());
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /https:\/\/.*\/v1\/models/);
  });

  for (const status of [301, 302, 303] as const) {
    it(`follows ${status} for GET (/models), but not for a POST`, async () => {
      s.sim.enqueue(redirectScenario(status, '/v1/elsewhere/models'), { body: modelList(['m1']) });
      assert.deepEqual(await client(s.sim).listModels(), [{ id: 'm1', ownedBy: 'simulator' }]);
      assert.deepEqual(s.sim.requests.map((r) => [r.method, r.path]), [['GET', '/v1/models'], ['GET', '/v1/elsewhere/models']]);
      s.sim.reset();
      s.sim.enqueue(redirectScenario(status, '/v1/elsewhere/chat/completions'));
      const e = await failure(client(s.sim).chat(once()));
      assert.equal(e.kind, 'protocol');
      assert.equal(e.status, status);
      assert.ok(e.message.includes('/v1/elsewhere/chat/completions'), e.message);
      assert.equal(s.sim.requests.length, 1);
    });
  }

  it('classifies the answer at the end of the redirects (a context-length 400 there)', async () => {
    s.sim.enqueue(redirectScenario(307, '/v1/x'), errorScenario(400, { code: 'context_length_exceeded' }));
    assert.equal((await failure(client(s.sim).chat(once()))).kind, 'context_length');
  });
});

describe('relay redirects through a proxy', () => {
  const s = useSimulator();
  const px = useProxy();

  it('follows a same-origin 307 through an explicit proxy URL', async () => {
    s.sim.enqueue(redirectScenario(307, '/v1/moved'), streamScenario(['via ', 'proxy']));
    const r = await client(s.sim, { proxy: { url: px.proxy.url } }).chat(ask());
    assert.equal(r.text, 'via proxy');
    assert.equal(s.sim.requests[1].path, '/v1/moved');
    assert.ok(px.proxy.seen.length >= 1);
  });

  it('follows a same-origin 308 through HTTPS_PROXY / HTTP_PROXY from the environment', async () => {
    s.sim.enqueue(redirectScenario(308, `${s.sim.url}/moved`), completionScenario('env proxy'));
    const r = await client(s.sim, { env: { HTTP_PROXY: px.proxy.url, HTTPS_PROXY: px.proxy.url } }).chat(once());
    assert.equal(r.text, 'env proxy');
    assert.ok(px.proxy.seen.length >= 1);
  });
});
