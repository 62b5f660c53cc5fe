// Finds local OpenAI-compatible servers already listening on their default ports: GET /v1/models on
// 127.0.0.1 and localhost, in parallel, with a short timeout. Loopback only (the hosts are fixed
// here, never taken from settings), no proxy, no key: nothing leaves the machine.
import * as http from 'node:http';

export interface LocalServer {
  port: number;
  /** The base URL that answered (`http://localhost:11434/v1`). */
  baseUrl: string;
  /** Model ids it listed. */
  models: string[];
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'] as const;
export const DETECT_TIMEOUT_MS = 700;
const MAX_BODY = 1_000_000;

/** Servers answering `GET /v1/models` with an OpenAI model list, by port (a port in use by anything else is not a server). */
export async function detectLocalServers(ports: readonly number[], timeoutMs = DETECT_TIMEOUT_MS): Promise<Map<number, LocalServer>> {
  const found = new Map<number, LocalServer>();
  await Promise.all(
    ports.map(async (port) => {
      const answers = await Promise.all(LOOPBACK_HOSTS.map((host) => probe(host, port, timeoutMs)));
      const first = answers.find((a) => a !== null);
      if (first) found.set(port, first);
    }),
  );
  return found;
}

function probe(host: string, port: number, timeoutMs: number): Promise<LocalServer | null> {
  return new Promise((resolve) => {
    let responded = false;
    const req = http.get({ host, port, path: '/v1/models', agent: false, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      responded = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        if (body.length > MAX_BODY) req.destroy();
      });
      res.on('end', () => resolve(res.statusCode === 200 ? serverOf(host, port, body) : null));
      res.on('close', () => resolve(null));
      res.on('error', () => resolve(null));
    });
    const timer = setTimeout(() => req.destroy(), timeoutMs);
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.on('close', () => {
      clearTimeout(timer);
      if (!responded) resolve(null);
    });
  });
}

function serverOf(host: string, port: number, body: string): LocalServer | null {
  try {
    const parsed = JSON.parse(body) as { data?: unknown };
    if (!Array.isArray(parsed.data)) return null;
    const models = parsed.data.map((m) => (m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string' ? (m as { id: string }).id : '')).filter(Boolean);
    return { port, baseUrl: `http://${host}:${port}/v1`, models };
  } catch {
    return null;
  }
}
