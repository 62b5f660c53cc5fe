// Portkey's open-source AI gateway (npm @portkey-ai/gateway) in a child process on 127.0.0.1, for
// the gateway test tier. Its upstreams are set per request (x-portkey-provider and
// x-portkey-custom-host headers) and are loopback simulators only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '../../..');
const ENTRY = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');

export interface Gateway {
  /** http://127.0.0.1:PORT/v1 */
  url: string;
  /** What the gateway printed (stdout and stderr), for failure messages. */
  log(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return (await res.text()).includes('AI Gateway');
  } catch {
    return false;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Starts the gateway; the reason it could not, as a string, when it does not answer within `timeoutMs`. */
export async function startPortkey(timeoutMs = 30_000): Promise<Gateway | string> {
  if (!existsSync(ENTRY)) return `@portkey-ai/gateway is not installed (${ENTRY})`;
  const port = await freePort();
  // A clean environment: no proxy, no Redis, no cloud credentials; production mode serves no UI.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production' };
  const child = spawn(process.execPath, ['--import', pathToFileURL(join(__dirname, 'loopback.mjs')).href, ENTRY, `--port=${port}`, '--headless'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const root = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(root))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop(child);
      return `the gateway did not start: ${output.trim().slice(-500) || `no answer on ${root}`}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `${root}v1`, log: () => output, close: () => stop(child) };
}
