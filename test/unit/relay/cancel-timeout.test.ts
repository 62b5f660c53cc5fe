// Cancellation (abort closes the socket, partial text kept), timeouts and network failures.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { chunk, sseEvent } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

describe('relay cancellation', () => {
  const s = useSimulator();

  it('abort mid-stream closes the socket and rejects with cancelled, keeping the partial text', async () => {
    s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'partial', reasoning: 'r' })), { stall: true }] });
    const ac = new AbortController();
    const closed = s.sim.waitForClose();
    const e = await failure(client(s.sim).chat(ask('hi', { signal: ac.signal, onDelta: () => ac.abort() })));
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.retryable, false);
    assert.equal(e.partialText, 'partial');
    assert.equal(e.partialReasoning, 'r');
    await closed;
    assert.equal(s.sim.socketsClosed, 1);
  });

  it('abort while waiting for headers closes the socket', async () => {
    s.sim.enqueue({ delayMs: 60_000, body: {} });
    const ac = new AbortController();
    const c = client(s.sim);
    const closed = s.sim.waitForClose();
    const pending = failure(c.chat(ask('hi', { stream: false, signal: ac.signal })));
    await waitUntil(() => s.sim.inFlight === 1);
    ac.abort();
    assert.equal((await pending).kind, 'cancelled');
    await closed;
  });

  it('an already-aborted signal sends nothing', async () => {
    const e = await failure(client(s.sim).chat(ask('hi', { signal: AbortSignal.abort() })));
    assert.equal(e.kind, 'cancelled');
    assert.equal(s.sim.requests.length, 0);
  });
});

describe('relay timeouts and network errors', () => {
  const s = useSimulator();

  it('no response headers within the headers timeout is timeout', async () => {
    s.sim.enqueue({ delayMs: 60_000, body: {} });
    const e = await failure(client(s.sim, { headersTimeoutMs: 100, maxRetries: 0 }).chat(ask()));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.retryable, true);
  });

  it('a refused connection is network', async () => {
    const port = await closedPort();
    const e = await failure(client(s.sim, { baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 }).chat(ask()));
    assert.equal(e.kind, 'network');
    assert.equal(e.retryable, true);
  });

  it('a connection dropped before the headers is network', async () => {
    s.sim.enqueue({ steps: [{ reset: true }] });
    const e = await failure(client(s.sim, { maxRetries: 0 }).chat(ask()));
    assert.equal(e.kind, 'network');
  });
});

/** Resolves once cond() holds, checking on each turn of the event loop (no fixed sleeps). */
async function waitUntil(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
