// Error classification per relay-protocol.md: HTTP status, error objects, in-band errors,
// retryability and the server's retry-after hint. Message text is never inspected.
import { redact } from '../redact';
import { RelayError } from './errors';
import { isObject, parseJson } from './json';
import { rateLimitOf } from './ratelimit';
import type { ErrorKind } from './types';

export type HeaderBag = Record<string, string | string[] | undefined>;

/** The relay's error object (`{message, type, code, ...}`), wherever the body put it. */
export type ErrorObject = Record<string, unknown>;

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['rate_limit', 'server', 'overloaded', 'timeout', 'network', 'stream_interrupted']);

const PLAIN_WORDS: Record<ErrorKind, string> = {
  auth: 'The relay rejected the API key or its permissions',
  rate_limit: 'The relay is rate limiting requests',
  bad_request: 'The relay rejected the request',
  not_found: 'The relay does not know this model or endpoint',
  context_length: 'The conversation is too long for the model',
  server: 'The relay had a server error',
  overloaded: 'The relay or model is overloaded',
  timeout: 'The relay took too long to answer',
  network: 'Could not reach the relay',
  stream_interrupted: 'The answer stream was cut off before it finished',
  protocol: 'The relay answered with something that is not an OpenAI-compatible response',
  cancelled: 'The request was cancelled',
};

const QUOTA_WORDS = 'The relay account has no quota or credit left (billing)';

/** Kind for an HTTP status >= 300. */
export function statusKind(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad_request';
  return 'protocol';
}

/** The error object of `{error}`, `{type:'error', error}` or `[{error}]`; null when none is an object. */
export function errorObjectOf(body: unknown): ErrorObject | null {
  const holder = Array.isArray(body) ? body[0] : body;
  return isObject(holder) && isObject(holder.error) ? holder.error : null;
}

function field(obj: ErrorObject | null, name: 'type' | 'code'): string | null {
  const v = obj?.[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

/** The machine-readable code reported on the error: `code`, else `type`. */
export function codeOf(obj: ErrorObject | null): string | null {
  return field(obj, 'code') ?? field(obj, 'type');
}

/** `type` and `code` together, lower-cased, for the "contains" rules. */
function wordsOf(obj: ErrorObject | null): string {
  return `${field(obj, 'type') ?? ''} ${field(obj, 'code') ?? ''}`.toLowerCase();
}

/** Billing, not throttling: no quota or balance left (OpenAI `insufficient_quota`, MiniMax and others `insufficient_balance`). */
function isQuota(obj: ErrorObject | null): boolean {
  const words = wordsOf(obj);
  return words.includes('insufficient_quota') || words.includes('insufficient_balance');
}

function codeOverride(obj: ErrorObject | null): ErrorKind | null {
  const code = field(obj, 'code');
  if (code === 'context_length_exceeded') return 'context_length';
  const words = wordsOf(obj);
  // llama.cpp and vLLM: `exceed_context_size_error`; others: `context_length_*`.
  if (words.includes('context_length') || words.includes('context_size')) return 'context_length';
  if (code === 'model_not_found') return 'not_found';
  return null;
}

/** Kind for an HTTP error status, with the machine-readable code overrides (not for 413). */
export function httpErrorKind(status: number, obj: ErrorObject | null): ErrorKind {
  const kind = statusKind(status);
  return status === 413 ? kind : (codeOverride(obj) ?? kind);
}

/** Kind for an in-band error object (an error event, or an error object in a 2xx body). */
export function inBandKind(obj: ErrorObject | null): ErrorKind {
  const code = obj?.code;
  if (typeof code === 'number' || (typeof code === 'string' && /^\d{3}$/.test(code))) {
    const n = Number(code);
    if (n >= 300) return httpErrorKind(n, obj);
  }
  const override = codeOverride(obj);
  if (override) return override;
  const words = wordsOf(obj);
  if (words.includes('overloaded')) return 'overloaded';
  if (words.includes('rate_limit') || words.includes('too_many_requests') || isQuota(obj)) return 'rate_limit';
  if (words.includes('invalid_request') || words.includes('bad_request') || words.includes('badrequesterror')) return 'bad_request';
  if (words.includes('not_found')) return 'not_found';
  if (words.includes('timeout')) return 'timeout';
  return 'server';
}

/** Retryable kinds, except billing (`insufficient_quota`, `insufficient_balance`) rate limits. */
export function isRetryable(kind: ErrorKind, obj: ErrorObject | null = null): boolean {
  if (kind === 'rate_limit' && isQuota(obj)) return false;
  return RETRYABLE.has(kind);
}

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The server's hint in ms: `retry-after-ms` (float) wins, then `Retry-After` seconds or HTTP-date; else null. */
export function retryAfterMs(headers: HeaderBag, now: number = Date.now()): number | null {
  const ms = header(headers, 'retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const after = header(headers, 'retry-after')?.trim();
  if (!after) return null;
  if (/^\d+$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Replaces every secret (the API key, secret header values) in text: the one policy in ../redact. */
export { redact };

function relayMessage(obj: ErrorObject | null, fallbackText: string): string {
  const m = obj?.message;
  if (typeof m === 'string' && m.trim()) return m.trim();
  const text = fallbackText.trim();
  if (!text || text.startsWith('<') || text.startsWith('{') || text.startsWith('[')) return '';
  return text;
}

export interface ErrorParts {
  kind: ErrorKind;
  status: number | null;
  obj?: ErrorObject | null;
  headers?: HeaderBag;
  /** Extra detail for the message (a relay's error text, a network error code). */
  detail?: string;
  secrets?: readonly string[];
}

const MAX_DETAIL = 300;

/** Builds the RelayError: plain words, the relay's own message when it gave one, never a secret. */
export function makeError(p: ErrorParts): RelayError {
  const obj = p.obj ?? null;
  const quota = p.kind === 'rate_limit' && isQuota(obj);
  let message = quota ? QUOTA_WORDS : PLAIN_WORDS[p.kind];
  if (p.status !== null) message += ` (HTTP ${p.status})`;
  const detail = relayMessage(obj, p.detail ?? '').slice(0, MAX_DETAIL);
  if (detail) message += `: ${detail}`;
  const err = new RelayError({
    kind: p.kind,
    status: p.status,
    retryable: isRetryable(p.kind, obj),
    retryAfterMs: p.headers ? retryAfterMs(p.headers) : null,
    code: codeOf(obj),
    message: redact(message, p.secrets),
  });
  if (p.headers) err.rateLimit = rateLimitOf(p.headers);
  if (typeof obj?.param === 'string' && obj.param) err.param = obj.param;
  return err;
}

/** The error for an HTTP status >= 300 with its body text. */
export function httpError(status: number, headers: HeaderBag, bodyText: string, secrets: readonly string[] = []): RelayError {
  const parsed = parseJson(bodyText.trim());
  const obj = errorObjectOf(parsed);
  const stringError = isObject(parsed) && typeof parsed.error === 'string' ? parsed.error : undefined;
  const detail = stringError ?? (obj ? undefined : bodyText);
  return makeError({ kind: httpErrorKind(status, obj), status, obj, headers, detail, secrets });
}

/** The error for an in-band error object (error event or 2xx body with an error object). */
export function inBandError(obj: ErrorObject | null, secrets: readonly string[] = [], headers?: HeaderBag): RelayError {
  return makeError({ kind: inBandKind(obj), status: null, obj, headers, secrets });
}

/** Why a redirect was not followed. */
export type RedirectRefusal = 'other_origin' | 'not_get' | 'too_many' | 'loop';

export interface RedirectParts {
  refusal: RedirectRefusal;
  status: number;
  /** Where the relay points (absolute URL). */
  to: string;
  /** The base URL that would reach it directly, when the new URL keeps the endpoint's path. */
  suggestedBaseUrl?: string;
  /** Redirects already followed. */
  hops: number;
  secrets?: readonly string[];
}

/** A redirect the client does not follow (kind `protocol`): it names the new URL so the user can set the base URL to it. */
export function redirectError(p: RedirectParts): RelayError {
  const base = p.suggestedBaseUrl ?? p.to;
  const words: Record<RedirectRefusal, string> = {
    other_origin: `The relay redirects to another address (HTTP ${p.status}): ${p.to}. The API key is not sent there; if you trust it, set the base URL to ${base}`,
    not_get: `The relay redirects this request (HTTP ${p.status}) to ${p.to}, which only a GET may follow; set the base URL to ${base}`,
    too_many: `The relay redirected more than ${p.hops} times (HTTP ${p.status}, last to ${p.to})`,
    loop: `The relay redirects in a loop (HTTP ${p.status} back to ${p.to})`,
  };
  return new RelayError({ kind: 'protocol', status: p.status, retryable: false, retryAfterMs: null, code: null, message: redact(words[p.refusal], p.secrets ?? []) });
}
