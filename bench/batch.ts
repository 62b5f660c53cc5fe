// Batches of non-streaming requests at a fixed concurrency: our client against a raw node:http
// keep-alive agent, with the simulator adding a fixed latency to every answer.
import * as http from 'node:http';
import { createRelayClient } from '../src/core/relay';
import type { RemoteSimulator } from './remote-sim';
import { median } from './report';

export const BATCH_REQUESTS = 200;
export const BATCH_LATENCY_MS = 50;

export interface BatchOutcome {
  concurrency: number;
  wallMs: number;
  idealMs: number;
  sockets: number;
}

/** Something that sends one non-streaming request per call, over its own connection pool. */
interface Sender {
  send(): Promise<void>;
  close(): Promise<void>;
}

const MESSAGES = [{ role: 'user' as const, content: 'bench' }];
const MODEL = `latency-${BATCH_LATENCY_MS}`;

function oursSender(baseUrl: string): Sender {
  const client = createRelayClient({ baseUrl, apiKey: 'bench-key', maxRetries: 0 });
  return {
    send: async () => void (await client.chat({ model: MODEL, messages: MESSAGES, stream: false })),
    close: () => client.close(),
  };
}

function rawSender(baseUrl: string, concurrency: number): Sender {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(`${baseUrl}/chat/completions`);
  const body = JSON.stringify({ model: MODEL, messages: MESSAGES, stream: false });
  const send = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (piece: string) => (text += piece));
        res.on('end', () => (JSON.parse(text).choices ? resolve() : reject(new Error('no choices'))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: async () => agent.destroy() };
}

export type SenderKind = 'ours' | 'raw';

/** One batch through a fresh sender (fresh sockets), `concurrency` requests in flight at a time. */
async function batchOnce(sim: RemoteSimulator, kind: SenderKind, concurrency: number): Promise<BatchOutcome> {
  await sim.reset();
  const sender = kind === 'ours' ? oursSender(sim.url) : rawSender(sim.url, concurrency);
  let started = 0;
  const worker = async () => {
    while (started < BATCH_REQUESTS) {
      started++;
      await sender.send();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  const { socketsOpened } = await sim.stats();
  await sender.close();
  return { concurrency, wallMs, idealMs: Math.ceil(BATCH_REQUESTS / concurrency) * BATCH_LATENCY_MS, sockets: socketsOpened };
}

function medianRun(runs: BatchOutcome[]): BatchOutcome {
  const mid = median(runs.map((r) => r.wallMs));
  return runs.reduce((best, r) => (Math.abs(r.wallMs - mid) < Math.abs(best.wallMs - mid) ? r : best));
}

/** The median-wall batch of `reps` runs (sockets reported from that same run). */
export async function batch(sim: RemoteSimulator, kind: SenderKind, concurrency: number, reps: number): Promise<BatchOutcome> {
  const runs: BatchOutcome[] = [];
  for (let i = 0; i < reps; i++) runs.push(await batchOnce(sim, kind, concurrency));
  return medianRun(runs);
}

/**
 * Ours and raw, `reps` runs each, alternating (ours, raw, raw, ours, ...) so that a change in the
 * machine's load during the measurement falls on both alike; the median-wall run of each.
 */
export async function batchPair(sim: RemoteSimulator, concurrency: number, reps: number): Promise<{ ours: BatchOutcome; raw: BatchOutcome }> {
  const runs: Record<SenderKind, BatchOutcome[]> = { ours: [], raw: [] };
  for (let i = 0; i < reps; i++) {
    const order: SenderKind[] = i % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
    for (const kind of order) runs[kind].push(await batchOnce(sim, kind, concurrency));
  }
  return { ours: medianRun(runs.ours), raw: medianRun(runs.raw) };
}
