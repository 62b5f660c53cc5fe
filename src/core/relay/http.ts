// The HTTP layer: one undici dispatcher per client (keep-alive, a connection limit, proxy, TLS),
// requests with timeouts and cancellation, redirects and compressed bodies (relay-protocol.md,
// Transport), and transport errors mapped to kinds. Everything that talks to the relay goes
// through Exchange, so every endpoint gets the same rules.
// undici is loaded on first use so that importing the relay client stays cheap.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { makeError, redirectError, type RedirectRefusal } from './classify';
import { codingsOf, decodedBody, isDecodeError, unsupportedCoding } from './decode';
import { RelayError } from './errors';
import type { RelayClientOptions } from './types';

type Undici = typeof import('undici');

let undiciModule: Promise<Undici> | null = null;
function loadUndici(): Promise<Undici> {
  undiciModule ??= import('undici');
  return undiciModule;
}

let zlibModule: Promise<typeof import('node:zlib')> | null = null;
function loadZlib(): Promise<typeof import('node:zlib')> {
  zlibModule ??= import('node:zlib');
  return zlibModule;
}

export const DEFAULT_MAX_CONNECTIONS = 32;
const KEEP_ALIVE_MS = 30_000;

interface TlsOptions {
  rejectUnauthorized: boolean;
  ca?: string[];
}

/** The extra CA file's text; a file that cannot be read is a (non-retryable) setup error. */
function readCaFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    throw new RelayError({ kind: 'network', status: null, retryable: false, retryAfterMs: null, code: null, message: `Could not read the CA file ${file} (${code})` });
  }
}

async function tlsOptions(o: RelayClientOptions): Promise<TlsOptions> {
  const tls: TlsOptions = { rejectUnauthorized: o.proxy?.strictSSL !== false };
  if (o.caFile) {
    const { rootCertificates } = await import('node:tls');
    tls.ca = [...rootCertificates, readCaFile(o.caFile)];
  }
  return tls;
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return env[name] ?? env[name.toLowerCase()];
}

/** The client's one dispatcher: Agent, or ProxyAgent (explicit proxy), or EnvHttpProxyAgent (env proxy). */
export async function createDispatcher(o: RelayClientOptions): Promise<Dispatcher> {
  const { Agent, ProxyAgent, EnvHttpProxyAgent } = await loadUndici();
  const tls = await tlsOptions(o);
  const connectTimeout = o.connectTimeoutMs ?? 15_000;
  const base = {
    connections: o.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    pipelining: 1,
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_MS,
  };
  const connect = { ...tls, timeout: connectTimeout };
  if (o.proxy?.url) {
    return new ProxyAgent({ ...base, uri: o.proxy.url, requestTls: connect, proxyTls: { timeout: connectTimeout } });
  }
  const env = o.env ?? process.env;
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  if (httpProxy || httpsProxy) {
    const noProxy = envValue(env, 'NO_PROXY') ?? '';
    return new EnvHttpProxyAgent({ ...base, connect, requestTls: connect, httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? '', noProxy });
  }
  return new Agent({ ...base, connect });
}

export interface SendOptions {
  method: 'GET' | 'POST';
  url: string;
  /** The base URL `url` starts with: a redirect to another origin then names the base URL to set. */
  baseUrl?: string;
  headers: Record<string, string>;
  /** Sent again as is when a 307 / 308 redirect is followed. */
  body?: string | Uint8Array;
  /** The caller's signal: abort -> kind `cancelled`. */
  signal?: AbortSignal;
  headersTimeoutMs: number;
  /** A body larger than this is cut off (kind `protocol`). */
  maxBodyBytes: number;
  /** Longest gap between two body chunks. */
  idleTimeoutMs: number;
  /** Whole-request limit (headers and body), or undefined for none. */
  totalTimeoutMs?: number;
}

/** A response after redirects, its body decoded (Content-Encoding undone). */
export interface Response {
  statusCode: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Readable;
  /** The URL that answered (differs from the request's after a redirect). */
  url: string;
}

/** Origin and path of a URL, parsed once per distinct URL (a client sends to the same few). */
const targets = new Map<string, { origin: string; path: string }>();

function targetOf(url: string): { origin: string; path: string } {
  let t = targets.get(url);
  if (!t) {
    const u = new URL(url);
    t = { origin: u.origin, path: u.pathname + u.search };
    if (targets.size >= 64) targets.clear();
    targets.set(url, t);
  }
  return t;
}

/** Redirects followed at most per request (as the official SDKs). */
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The base URL that reaches `to` directly, when `to` keeps the endpoint path that followed the old base. */
function suggestedBase(o: SendOptions, to: URL): string | undefined {
  if (!o.baseUrl || !o.url.startsWith(o.baseUrl)) return undefined;
  const endpoint = o.url.slice(o.baseUrl.length).split('?')[0];
  const path = to.origin + to.pathname;
  return endpoint && path.endsWith(endpoint) ? path.slice(0, -endpoint.length) : undefined;
}

/**
 * What aborts one exchange (the caller's signal or the whole-request timer). undici takes an
 * EventEmitter with `aborted` as the request's signal; it costs a fortieth of an AbortController
 * with its listeners (~0.1 vs ~4.6 µs), paid on every request.
 */
class AbortFlag extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/** One HTTP exchange: its response and how to end it. `fail` maps any error raised while it lasts. */
export class Exchange {
  private readonly controller = new AbortFlag();
  private timedOut = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.controller.abort();

  constructor(
    private readonly o: SendOptions,
    private readonly secrets: readonly string[],
  ) {
    o.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (o.totalTimeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort();
      }, o.totalTimeoutMs);
    }
  }

  /** Sends the request, following redirects per the Transport rules; the body comes decoded. */
  async send(dispatcher: Dispatcher): Promise<Response> {
    if (this.o.signal?.aborted) throw this.fail(null);
    let url = this.o.url;
    const seen = new Set<string>(); // URLs already asked, filled only when a redirect comes
    for (let hops = 0; ; hops++) {
      let res: Dispatcher.ResponseData;
      try {
        const { origin, path } = targetOf(url);
        // dispatcher.request as undici's request() calls it, without parsing the URL again each time.
        res = await dispatcher.request({
          origin,
          path,
          method: this.o.method,
          headers: this.o.headers,
          body: this.o.body,
          signal: this.controller,
          headersTimeout: this.o.headersTimeoutMs,
          bodyTimeout: this.o.idleTimeoutMs,
        });
      } catch (e) {
        throw this.fail(e);
      }
      const location = REDIRECTS.has(res.statusCode) ? headerValue(res.headers, 'location') : undefined;
      if (location === undefined) return this.decoded(res, url);
      // Read the redirect's own body away so its socket serves the next hop.
      await res.body.dump().catch(() => undefined);
      url = this.nextHop(res.statusCode, url, location, hops, seen);
    }
  }

  /** The URL of the next hop, or the protocol error that says why the redirect is not followed. */
  private nextHop(status: number, from: string, location: string, hops: number, seen: Set<string>): string {
    let to: URL;
    try {
      to = new URL(location, from);
    } catch {
      throw makeError({ kind: 'protocol', status, detail: `a redirect to an address that is not a URL (${location})`, secrets: this.secrets });
    }
    const refuse = (refusal: RedirectRefusal) =>
      redirectError({ refusal, status, to: to.href, suggestedBaseUrl: suggestedBase(this.o, to), hops, secrets: this.secrets });
    if (to.origin !== new URL(from).origin) throw refuse('other_origin');
    if (status !== 307 && status !== 308 && this.o.method !== 'GET') throw refuse('not_get');
    seen.add(from);
    if (seen.has(to.href)) throw refuse('loop');
    if (hops >= MAX_REDIRECTS) throw refuse('too_many');
    seen.add(to.href);
    return to.href;
  }

  /** The response with its Content-Encoding undone (as it arrives); unknown codings are `protocol`. */
  private async decoded(res: Dispatcher.ResponseData, url: string): Promise<Response> {
    const codings = codingsOf(res.headers['content-encoding']);
    if (codings.length === 0) return { statusCode: res.statusCode, headers: res.headers, body: res.body, url };
    const unknown = unsupportedCoding(codings);
    if (unknown) {
      res.body.on('error', () => undefined).destroy();
      throw makeError({ kind: 'protocol', status: null, detail: `the body is encoded as "${unknown}", which the client cannot decode`, secrets: this.secrets });
    }
    const body = decodedBody(await loadZlib(), res.body, codings);
    return { statusCode: res.statusCode, headers: res.headers, body, url };
  }

  get maxBodyBytes(): number {
    return this.o.maxBodyBytes;
  }

  /** Maps an error raised during this exchange: cancelled (caller), timeout, or network. */
  fail(e: unknown): RelayError {
    if (this.o.signal?.aborted) return makeError({ kind: 'cancelled', status: null });
    if (this.timedOut) return makeError({ kind: 'timeout', status: null, detail: `no complete answer within ${this.o.totalTimeoutMs} ms`, secrets: this.secrets });
    return transportError(e, this.secrets);
  }

  /** Stop listening; call once the exchange is over (success or failure). */
  dispose(): void {
    clearTimeout(this.timer);
    this.o.signal?.removeEventListener('abort', this.onAbort);
  }
}

/**
 * Waits one event-loop turn. undici hands a keep-alive socket back to its pool one full turn after
 * a response ends; returning after that lets the caller's next request reuse the socket instead of
 * opening a new one (N concurrent callers keep using N sockets).
 */
export function socketReleased(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'no data for longer than the idle timeout',
};

/** Network-level failures: timeouts from undici, else `network` with the error code as detail. */
export function transportError(e: unknown, secrets: readonly string[]): RelayError {
  if (isDecodeError(e)) return makeError({ kind: 'protocol', status: null, detail: 'the compressed body could not be decoded', secrets });
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  const code = err?.code ?? '';
  if (TIMEOUT_CODES[code]) return makeError({ kind: 'timeout', status: null, detail: TIMEOUT_CODES[code], secrets });
  const cause = err?.cause;
  const detail = [err?.message, cause?.code ?? cause?.message].filter(Boolean).join(' — ');
  return makeError({ kind: 'network', status: null, detail, secrets });
}
