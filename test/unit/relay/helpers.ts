// Shared set-up for the relay client tests: one simulator per suite, clients with fast retries.
import { createRelayClient, type ChatRequest, type RelayClient, type RelayClientOptions, type RelayError } from '../../../src/core/relay';
import { startProxy, type TestProxy } from '../../support/proxy';
import { startSimulator, type Simulator } from '../../support/simulator';

export const KEY = 'sk-test.fake.7f3a9c1e5b2d';

/** Starts a simulator before the suite, resets it before each test, closes clients after each and it after all. */
export function useSimulator(): { readonly sim: Simulator } {
  const holder = {} as { sim: Simulator };
  before(async () => {
    holder.sim = await startSimulator();
  });
  beforeEach(() => holder.sim.reset());
  afterEach(closeClients);
  after(async () => holder.sim.close());
  return holder;
}

/** A loopback proxy for the suite, its record of requests cleared before each test. */
export function useProxy(): { readonly proxy: TestProxy } {
  const holder = {} as { proxy: TestProxy };
  before(async () => {
    holder.proxy = await startProxy();
  });
  beforeEach(() => {
    holder.proxy.seen.length = 0;
  });
  after(async () => holder.proxy.close());
  return holder;
}

const open: RelayClient[] = [];

/** Closes every client made by client() so far. */
export async function closeClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

/** A client against the simulator with near-zero retry waits; closed after each test. */
export function client(sim: Simulator, o: Partial<RelayClientOptions> = {}): RelayClient {
  const c = createRelayClient({ baseUrl: sim.url, apiKey: KEY, retryBaseMs: 1, maxRetryWaitMs: 5, env: {}, ...o });
  open.push(c);
  return c;
}

export function ask(text = 'hi', o: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: text }], ...o };
}

/** The RelayError a promise rejects with (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<RelayError> {
  try {
    await p;
  } catch (e) {
    if ((e as Error).name !== 'RelayError') throw e;
    return e as RelayError;
  }
  throw new Error('expected the call to fail');
}
