// A scriptable OpenAI-compatible relay on a real loopback socket (127.0.0.1, port 0).
// Used by unit tests, integration tests, `npm start` (local relay) and the benchmark.
//
//   const sim = await startSimulator();
//   sim.enqueue(streamScenario(['Hel', 'lo']), { status: 429, headers: { 'retry-after': '1' } });
//   ... createRelayClient({ baseUrl: sim.url }) ...
//   await sim.close();
//
// Scenarios are served FIFO; when the queue is empty the responder (setResponder) answers;
// without one, a default echo responder answers (streaming when the request asks for it).
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as zlib from 'node:zlib';
import { createBatchSim, type BatchSim, type BatchSimOptions } from './batchSim';
import { defaultScenario, modelList } from './sse';

/**
 * `reset` drops the connection (everything written before it is delivered first; as first step: before the headers).
 * `until` waits for the promise before the next step (a test's gate: "go on once the client has seen this").
 */
export type Step = string | Uint8Array | { delayMs: number } | { stall: true } | { reset: true } | { end: true } | { until: Promise<unknown> };

/** Content-Encoding the simulator applies to a body ('deflate-raw' is sent as `deflate` without the zlib header, as some servers do). */
export type Encoding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';

export interface Scenario {
  /** HTTP status, default 200. */
  status?: number;
  /** Response headers; content-type defaults to SSE when `steps` are given, JSON for `body`. */
  headers?: Record<string, string>;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Raw body pieces written in order, byte-exact (each one a separate write). */
  steps?: Step[];
  /** Whole body (objects are JSON.stringified). */
  body?: string | object;
  /** Compress the body (Content-Encoding set unless headers give one); each step is flushed as one block. */
  encoding?: Encoding;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the raw text ('' when empty). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type Responder = (req: RecordedRequest) => Scenario | Promise<Scenario>;

export interface Simulator {
  /** 'http://127.0.0.1:PORT/v1' */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** TCP connections accepted in total. */
  readonly socketsOpened: number;
  readonly socketsClosed: number;
  /** FIFO: the next requests get these scenarios. */
  enqueue(...s: Scenario[]): void;
  /** Used when the queue is empty. */
  setResponder(fn: Responder): void;
  /** Resolves when a currently open request's connection closes (or the next request's, when none is open). */
  waitForClose(): Promise<void>;
  /** Serves the Batch API (files, batches; see batchSim.ts) after queued scenarios, before the responder. Until reset(). */
  enableBatches(options?: BatchSimOptions): BatchSim;
  /** Clears queue, responder, counters and recorded requests (connections from before no longer count). */
  reset(): void;
  close(): Promise<void>;
}

interface Exchange {
  socket: Socket;
  closed: Promise<void>;
}

class SimulatorServer implements Simulator {
  url = '';
  requests: RecordedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  socketsOpened = 0;
  socketsClosed = 0;
  private queue: Scenario[] = [];
  private responder: Responder | null = null;
  private batches: BatchSim | null = null;
  private readonly open = new Set<Exchange>();
  private readonly sockets = new Set<Socket>();
  /** One close promise per socket (keep-alive sockets serve many requests). */
  private readonly socketClosed = new WeakMap<Socket, Promise<void>>();
  private closeWaiters: (() => void)[] = [];
  /** Bumped by reset(): requests from before a reset no longer touch the counters. */
  private epoch = 0;
  private readonly server: http.Server;

  constructor(tls?: TlsOptions) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (socket: Socket) => {
      const epoch = this.epoch;
      this.socketsOpened++;
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.once('close', () => {
        if (epoch === this.epoch) this.socketsClosed++;
        this.sockets.delete(socket);
      });
    });
  }

  async listen(host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const scheme = this.server instanceof https.Server ? 'https' : 'http';
    this.url = `${scheme}://${shownHost}:${port}/v1`;
  }

  enqueue(...s: Scenario[]): void {
    this.queue.push(...s);
  }

  setResponder(fn: Responder): void {
    this.responder = fn;
  }

  waitForClose(): Promise<void> {
    if (this.open.size > 0) return Promise.race([...this.open].map((e) => e.closed));
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  enableBatches(options?: BatchSimOptions): BatchSim {
    this.batches = createBatchSim(options);
    return this.batches;
  }

  reset(): void {
    this.queue = [];
    this.responder = null;
    this.batches = null;
    this.requests = [];
    this.inFlight = 0;
    this.maxInFlight = 0;
    this.socketsOpened = 0;
    this.socketsClosed = 0;
    this.epoch++;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const exchange = this.track(req.socket);
    const recorded = await readRequest(req);
    this.requests.push(recorded);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const epoch = this.epoch;
    let counted = true;
    const done = () => {
      if (counted && epoch === this.epoch) this.inFlight--;
      counted = false;
    };
    res.once('close', done);
    try {
      const scenario = await this.pick(recorded);
      await serve(scenario, res, exchange.closed);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `simulator: ${(e as Error).message}`, type: 'server_error' } }));
    } finally {
      this.open.delete(exchange);
    }
  }

  private track(socket: Socket): Exchange {
    const closed = this.closedOf(socket);
    const exchange = { socket, closed };
    this.open.add(exchange);
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const w of waiters) void closed.then(w);
    return exchange;
  }

  private closedOf(socket: Socket): Promise<void> {
    let closed = this.socketClosed.get(socket);
    if (!closed) {
      closed = socket.destroyed ? Promise.resolve() : new Promise<void>((resolve) => socket.once('close', () => resolve()));
      this.socketClosed.set(socket, closed);
    }
    return closed;
  }

  private async pick(req: RecordedRequest): Promise<Scenario> {
    const queued = this.queue.shift();
    if (queued) return queued;
    const batch = this.batches?.handle(req);
    if (batch) return batch;
    if (this.responder) return this.responder(req);
    if (req.method === 'GET' && req.path.endsWith('/models')) return { body: modelList() };
    if (req.method === 'POST' && req.path.endsWith('/chat/completions')) return defaultScenario(req.body);
    return { status: 404, body: { error: { message: `no route for ${req.method} ${req.path}`, type: 'not_found' } } };
  }
}

async function readRequest(req: http.IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  let body: unknown = text;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, body };
}

function wait(ms: number, closed: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), closed]).finally(() => clearTimeout(timer));
}

function defaultContentType(s: Scenario): string | undefined {
  if (s.steps) return 'text/event-stream; charset=utf-8';
  if (s.body !== undefined) return typeof s.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  return undefined;
}

function headersOf(s: Scenario): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.headers ?? {})) headers[k.toLowerCase()] = v;
  const type = defaultContentType(s);
  if (type && !('content-type' in headers)) headers['content-type'] = type;
  if (s.encoding && !('content-encoding' in headers)) headers['content-encoding'] = s.encoding === 'deflate-raw' ? 'deflate' : s.encoding;
  if (s.steps && !('cache-control' in headers)) headers['cache-control'] = 'no-cache';
  return headers;
}

function compressor(encoding: Encoding): zlib.Gzip | zlib.Deflate | zlib.DeflateRaw | zlib.BrotliCompress {
  if (encoding === 'gzip') return zlib.createGzip();
  if (encoding === 'deflate') return zlib.createDeflate();
  if (encoding === 'deflate-raw') return zlib.createDeflateRaw();
  return zlib.createBrotliCompress();
}

function compressWhole(text: string, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(text);
  if (encoding === 'deflate') return zlib.deflateSync(text);
  if (encoding === 'deflate-raw') return zlib.deflateRawSync(text);
  return zlib.brotliCompressSync(text);
}

/** Writes body pieces to the response as they are, or compressed with one flushed block per piece. */
interface BodyWriter {
  /** Resolves once the piece is handed to the socket. */
  write(piece: string | Uint8Array): Promise<unknown>;
  end(): void;
}

function bodyWriter(res: http.ServerResponse, encoding: Encoding | undefined): BodyWriter {
  if (!encoding) return { write: (p) => new Promise((resolve) => res.write(p, resolve)), end: () => res.end() };
  const z = compressor(encoding);
  let last: Promise<unknown> = Promise.resolve();
  z.on('data', (d: Buffer) => (last = new Promise((resolve) => res.write(d, resolve))));
  z.on('end', () => void last.then(() => res.end()));
  const flushKind = encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH;
  return {
    write: (p) => new Promise<void>((resolve) => z.write(p, () => z.flush(flushKind, () => resolve()))).then(() => last),
    end: () => z.end(),
  };
}

async function serve(s: Scenario, res: http.ServerResponse, closed: Promise<void>): Promise<void> {
  if (s.delayMs) await wait(s.delayMs, closed);
  if (res.destroyed) return;
  res.writeHead(s.status ?? 200, headersOf(s));
  if (s.body !== undefined) {
    const text = typeof s.body === 'string' ? s.body : JSON.stringify(s.body);
    res.end(s.encoding ? compressWhole(text, s.encoding) : text);
    return;
  }
  const out = bodyWriter(res, s.encoding);
  const first = s.steps?.[0];
  const resetAtOnce = typeof first === 'object' && 'reset' in first;
  if (s.steps && !resetAtOnce) res.flushHeaders();
  let written: Promise<unknown> = Promise.resolve();
  for (const step of s.steps ?? []) {
    if (res.destroyed) return;
    if (typeof step === 'string' || step instanceof Uint8Array) {
      written = out.write(step);
      if (s.encoding) await written; // one flushed block per step
    } else if ('delayMs' in step) await wait(step.delayMs, closed);
    else if ('until' in step) await Promise.race([step.until, closed]);
    else if ('stall' in step) return void (await closed);
    else if ('reset' in step) return void (await written, res.socket?.destroy());
    else if ('end' in step) break;
  }
  out.end();
}

/** Key and certificate (PEM) to serve HTTPS instead of HTTP. */
export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
}

export async function startSimulator(opts: { host?: string; tls?: TlsOptions } = {}): Promise<Simulator> {
  const sim = new SimulatorServer(opts.tls);
  await sim.listen(opts.host ?? '127.0.0.1');
  return sim;
}
