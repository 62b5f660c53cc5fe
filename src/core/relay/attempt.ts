// One HTTP attempt of a chat request: streaming (SSE) or non-streaming (whole JSON body).
import type { Dispatcher } from 'undici';
import { errorObjectOf, httpError, inBandError, makeError } from './classify';
import { isRelayError, type RelayError } from './errors';
import { Exchange, socketReleased, type Response, type SendOptions } from './http';
import { isObject, parseJson } from './json';
import { rateLimitOf, type RateLimitInfo } from './ratelimit';
import { SseDecoder } from './sse';
import { StreamState, finishError, mergeToolCalls, normalizeFinish, saidBy, usageOf } from './stream';
import type { Delta, ToolCall, Usage } from './types';
import type { Accumulator, AccumulatorInput } from './wires/wire';

export interface AttemptOutput {
  text: string;
  reasoning: string;
  finishReason: string | null;
  usage: Usage | null;
  toolCalls: ToolCall[];
  /** Non-streaming: the response's x-ratelimit-* headers. */
  rateLimit?: RateLimitInfo | null;
}

export interface AttemptInput {
  dispatcher: Dispatcher;
  send: Omit<SendOptions, 'method'>;
  secrets: readonly string[];
  onDelta?: (d: Delta) => void;
  onFirstVisible: () => void;
  /** How the wire reads its stream (default: chat completions). */
  accumulator?: (input: AccumulatorInput) => Accumulator;
  /** How the wire reads a whole body (default: chat completions). */
  parse?: (text: string, secrets: readonly string[]) => AttemptOutput;
}

/** Thrown errors carry what was received: partialText / partialReasoning. */
function withPartial(e: RelayError, text: string, reasoning: string): RelayError {
  e.partialText = text;
  e.partialReasoning = reasoning;
  return e;
}

export function protocolError(detail: string, secrets: readonly string[]): RelayError {
  return makeError({ kind: 'protocol', status: null, detail, secrets });
}

function noop(): void {}

/** More than this is no chat answer (a broken or hostile relay): it is cut off as `protocol`, keeping what was shown. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function tooLarge(limit: number, secrets: readonly string[]): RelayError {
  return protocolError(`the answer is larger than ${limit} bytes, more than any chat answer: the relay may be broken`, secrets);
}

/** The whole body as text, up to the exchange's size limit ('data' listeners: no async iterator per body). */
export function readText(res: Response, ex: Exchange, secrets: readonly string[]): Promise<string> {
  const body = res.body;
  const parts: Buffer[] = [];
  let size = 0;
  return new Promise<string>((resolve, reject) => {
    const settle = (err: unknown) => {
      body.off('data', onData).off('end', onEnd).off('error', onError).on('error', noop);
      if (err === null) resolve(parts.length === 1 ? parts[0].toString('utf8') : Buffer.concat(parts, size).toString('utf8'));
      else reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= ex.maxBodyBytes) return void parts.push(chunk);
      body.destroy();
      settle(tooLarge(ex.maxBodyBytes, secrets));
    };
    const onEnd = () => settle(null);
    const onError = (e: unknown) => settle(ex.fail(e));
    body.on('data', onData).once('end', onEnd).once('error', onError);
  });
}

/** A 2xx answer in the wrong shape: an error object is in-band, anything else is `protocol`. */
export function unexpectedBody(text: string, what: string, secrets: readonly string[]): RelayError {
  const obj = errorObjectOf(parseJson(text.trim()));
  return obj ? inBandError(obj, secrets) : protocolError(what, secrets);
}

function isEventStream(res: Response): boolean {
  const type = res.headers['content-type'];
  return (Array.isArray(type) ? type[0] : (type ?? '')).toLowerCase().includes('text/event-stream');
}

async function checkStatus(res: Response, ex: Exchange, secrets: readonly string[]): Promise<void> {
  if (res.statusCode < 300) return;
  throw httpError(res.statusCode, res.headers, await readText(res, ex, secrets), secrets);
}

/** How long a response may stay open after [DONE] before its socket is given up. */
const DONE_GRACE_MS = 250;

/**
 * Reads the SSE body into state, feeding the parser once per network chunk ('data' events, no
 * per-chunk promises). A cut or an idle gap is judged by the stream semantics.
 */
function readEvents(res: Response, ex: Exchange, state: Accumulator, secrets: readonly string[]): Promise<void> {
  const decoder = new SseDecoder((event) => state.apply(event));
  const body = res.body;
  let size = 0;
  return new Promise<void>((resolve, reject) => {
    const settle = (err: unknown) => {
      body.off('data', onData).off('end', onEnd).off('error', onError).on('error', noop);
      if (err === null) resolve();
      else reject(err);
    };
    const onData = (bytes: Uint8Array) => {
      if (state.stopped) return; // after [DONE]: read to the end, ignoring the rest
      size += bytes.byteLength;
      if (size > ex.maxBodyBytes) {
        body.destroy();
        return settle(tooLarge(ex.maxBodyBytes, secrets));
      }
      try {
        decoder.feed(bytes);
      } catch (e) {
        body.destroy();
        return settle(e);
      }
      if (!state.stopped) return;
      if (!state.done) {
        body.destroy();
        return settle(null);
      }
      // [DONE]: relays end the response right after it. Reading to that end keeps the socket
      // for the next request (destroying the body would close it); a relay that keeps the
      // response open after [DONE] loses its socket after a short grace.
      const grace = setTimeout(() => {
        body.destroy();
        settle(null);
      }, DONE_GRACE_MS);
      body.once('end', () => clearTimeout(grace));
    };
    const onEnd = () => {
      decoder.end();
      settle(null);
    };
    const onError = (e: unknown) => {
      const err = ex.fail(e);
      const finished = state.done || state.finishReason !== null;
      if (err.kind !== 'cancelled' && finished) return settle(null);
      settle(err.kind === 'network' ? (state.outcome() ?? err) : err);
    };
    body.on('data', onData).once('end', onEnd).once('error', onError);
  });
}

export async function streamAttempt(a: AttemptInput): Promise<AttemptOutput> {
  const input = { onDelta: a.onDelta, secrets: a.secrets, onFirstVisible: a.onFirstVisible };
  const state = a.accumulator ? a.accumulator(input) : new StreamState(a.onDelta, a.secrets, a.onFirstVisible);
  const ex = new Exchange({ ...a.send, method: 'POST' }, a.secrets);
  try {
    const res = await ex.send(a.dispatcher);
    await checkStatus(res, ex, a.secrets);
    if (!isEventStream(res)) throw unexpectedBody(await readText(res, ex, a.secrets), 'a streaming answer that is not text/event-stream', a.secrets);
    await readEvents(res, ex, state, a.secrets);
    if (state.callbackError) throw state.callbackError;
    const err = state.outcome();
    if (err) throw err;
    await socketReleased();
    return { text: state.text, reasoning: state.reasoning, finishReason: state.finishReason, usage: state.usage, toolCalls: [...state.toolCalls.values()] };
  } catch (e) {
    throw isRelayError(e) ? withPartial(e, state.text, state.reasoning) : e;
  } finally {
    ex.dispose();
  }
}

/** Values of a non-streaming body (leading blank lines are fine); errors per the protocol page. */
export function parseCompletion(text: string, secrets: readonly string[]): AttemptOutput {
  // JSON.parse skips blank lines itself; trim() (a copy of the body) only for other leading/trailing space.
  const json = parseJson(text) ?? parseJson(text.trim());
  if (json === undefined) throw protocolError('the body is not JSON', secrets);
  if (isObject(json) && json.error) {
    const obj = errorObjectOf(json);
    throw obj ? inBandError(obj, secrets) : protocolError('the error field is not an object', secrets);
  }
  if (Array.isArray(json)) throw unexpectedBody(text, 'the body is a JSON array', secrets);
  const choice = isObject(json) && Array.isArray(json.choices) ? json.choices[0] : undefined;
  if (!isObject(choice)) throw protocolError('the body has no choices', secrets);
  const message = isObject(choice.message) ? choice.message : {};
  const toolCalls = new Map<number, ToolCall>();
  mergeToolCalls(toolCalls, message.tool_calls);
  const said = saidBy(message);
  const finish = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
  const failed = finish === null ? null : finishError(finish);
  if (failed) throw inBandError(failed, secrets);
  return {
    text: said.text,
    reasoning: said.reasoning,
    finishReason: finish === null ? null : normalizeFinish(finish),
    usage: usageOf((json as Record<string, unknown>).usage),
    toolCalls: [...toolCalls.values()],
  };
}

export async function completeAttempt(a: AttemptInput): Promise<AttemptOutput> {
  const ex = new Exchange({ ...a.send, method: 'POST' }, a.secrets);
  try {
    const res = await ex.send(a.dispatcher);
    await checkStatus(res, ex, a.secrets);
    const text = await readText(res, ex, a.secrets);
    await socketReleased();
    return { ...(a.parse ?? parseCompletion)(text, a.secrets), rateLimit: rateLimitOf(res.headers) };
  } finally {
    ex.dispose();
  }
}
