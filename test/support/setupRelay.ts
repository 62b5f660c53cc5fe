// A relay as the setup's connection test meets it: the API only under /v1 (anything else 404,
// as a wrong base URL path gets), an optional key it insists on, a model list and streaming.
import * as net from 'node:net';
import type { Scenario, Simulator } from './simulator';
import { errorScenario, modelList, streamScenario } from './sse';

export interface SetupRelayOptions {
  /** The key the relay accepts; undefined: no key needed. */
  key?: string;
  models?: string[];
}

export function serveSetupRelay(sim: Simulator, o: SetupRelayOptions = {}): void {
  sim.setResponder((req): Scenario => {
    if (!req.path.startsWith('/v1/')) return { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' };
    if (o.key !== undefined && req.headers.authorization !== `Bearer ${o.key}`) {
      return errorScenario(401, { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' });
    }
    if (req.method === 'GET' && req.path === '/v1/models') return { body: modelList(o.models ?? ['sim-model', 'sim-large']) };
    if (req.method === 'POST' && req.path === '/v1/chat/completions') {
      const model = (req.body as { model?: string }).model ?? '';
      if (o.models && !o.models.includes(model)) return errorScenario(404, { message: `The model ${model} does not exist`, code: 'model_not_found' });
      return streamScenario(['O', 'K']);
    }
    return errorScenario(404, { message: 'no such endpoint' });
  });
}

/** The origin of a simulator without its /v1 path (a base URL whose path is wrong). */
export function withoutV1(sim: Simulator): string {
  return sim.url.replace(/\/v1$/, '');
}

/** A loopback port nothing listens on (opened, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
