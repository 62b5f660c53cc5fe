// TLS to the relay: strict by default, strictSSL false accepts any certificate, caFile adds a CA,
// and HTTPS through a proxy tunnel. The fixture is a self-signed certificate for 127.0.0.1.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startProxy, type TestProxy } from '../../support/proxy';
import { startSimulator, type Simulator } from '../../support/simulator';
import { streamScenario } from '../../support/sse';
import { ask, client, closeClients, failure } from './helpers';

const fixtures = path.join(__dirname, 'fixtures');
const caFile = path.join(fixtures, 'relay-test.crt');

describe('relay TLS', () => {
  let sim: Simulator;
  let proxy: TestProxy;
  before(async () => {
    sim = await startSimulator({ tls: { key: readFileSync(path.join(fixtures, 'relay-test.key')), cert: readFileSync(caFile) } });
    proxy = await startProxy();
  });
  beforeEach(() => {
    sim.reset();
    proxy.seen.length = 0;
  });
  afterEach(closeClients);
  after(async () => {
    await proxy.close();
    await sim.close();
  });

  it('rejects an untrusted certificate by default (network, no request reaches the relay)', async () => {
    const e = await failure(client(sim, { maxRetries: 0 }).chat(ask()));
    assert.equal(e.kind, 'network');
    assert.equal(sim.requests.length, 0);
  });

  it('accepts any certificate when strictSSL is false', async () => {
    sim.enqueue(streamScenario(['secure']));
    const r = await client(sim, { proxy: { strictSSL: false } }).chat(ask());
    assert.equal(r.text, 'secure');
  });

  it('trusts an extra CA from caFile', async () => {
    sim.enqueue(streamScenario(['trusted']));
    assert.equal((await client(sim, { caFile }).chat(ask())).text, 'trusted');
  });

  it('reports an unreadable CA file once, without retrying', async () => {
    const e = await failure(client(sim, { caFile: path.join(fixtures, 'missing.crt') }).chat(ask()));
    assert.equal(e.kind, 'network');
    assert.equal(e.retryable, false);
    assert.match(e.message, /CA file/);
    assert.equal(sim.requests.length, 0);
  });

  it('tunnels HTTPS through a proxy with CONNECT, verifying the relay certificate', async () => {
    sim.enqueue(streamScenario(['tunnelled']));
    const r = await client(sim, { caFile, env: { HTTPS_PROXY: proxy.url } }).chat(ask());
    assert.equal(r.text, 'tunnelled');
    assert.deepEqual(proxy.seen.map((p) => p.method), ['CONNECT']);
  });
});
