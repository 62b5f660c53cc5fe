// The completions / infill wires behind RelayClient.complete() (inline completions): OpenAI-style
// /completions with `suffix` (fim), Codestral's /fim/completions, llama.cpp's /infill, and a raw
// FIM-template prompt on /completions (template). Same Exchange, SSE decoder, errors and cost as chat.
import type { Dispatcher } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES, readText } from './attempt';
import { errorObjectOf, httpError, inBandError, makeError } from './classify';
import { isRelayError, type RelayError } from './errors';
import { Exchange, socketReleased, type Response } from './http';
import { isObject, parseJson, type JsonObject } from './json';
import { costOf } from './models';
import { backoffDelay, waitOrCancel } from './retry';
import { SseDecoder } from './sse';
import type { CompletionApi, CompletionRequest, CompletionResult, RelayClientOptions, Usage } from './types';
import { usageOf } from '../models/usage';

/** What the wire needs from the client that owns it. */
export interface CompletionHost {
  options: RelayClientOptions;
  /** Base URL without trailing slashes. */
  baseUrl: string;
  secrets: readonly string[];
  dispatcher(): Promise<Dispatcher>;
  /** Request headers (key, extra headers, JSON content type). */
  headers(accept: string): Record<string, string>;
}

/** llama.cpp serves /infill at the server's root: a base URL ending in /v1 loses it. */
export function infillUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/v1$/, '')}/infill`;
}

/** The URL and JSON body of a completion request, per wire. */
export function completionBody(req: CompletionRequest, baseUrl: string): { url: string; body: JsonObject } {
  const common = { max_tokens: req.maxTokens, ...(req.temperature === undefined ? {} : { temperature: req.temperature }), ...(req.stop?.length ? { stop: req.stop } : {}), stream: req.stream };
  switch (req.api) {
    case 'fim':
      return { url: `${baseUrl}/completions`, body: { model: req.model, prompt: req.prompt, suffix: req.suffix ?? '', ...common } };
    case 'codestral':
      return { url: `${baseUrl}/fim/completions`, body: { model: req.model, prompt: req.prompt, suffix: req.suffix ?? '', ...common } };
    case 'template':
      return { url: `${baseUrl}/completions`, body: { model: req.model, prompt: req.prompt, ...common, raw: true } };
    case 'infill': {
      const body: JsonObject = {
        input_prefix: req.prompt,
        input_suffix: req.suffix ?? '',
        input_extra: (req.extra ?? []).map((e) => ({ filename: e.filename, text: e.text })),
        n_predict: req.maxTokens,
        stream: req.stream,
        cache_prompt: true,
      };
      if (req.temperature !== undefined) body.temperature = req.temperature;
      if (req.stop?.length) body.stop = req.stop;
      return { url: infillUrl(baseUrl), body };
    }
  }
}

/** One piece of an answer: its text, and the end / usage when it carries them. */
interface Piece {
  text: string;
  finish: string | null;
  usage: Usage | null;
  /** llama.cpp's `stop: true`: the stream is over. */
  last: boolean;
}

/** Reads a completions chunk or body (`choices[0].text`, Codestral's delta/message content) or a llama.cpp one (`content`, `stop`). */
export function pieceOf(json: JsonObject, api: CompletionApi): Piece {
  if (api === 'infill') {
    const last = json.stop === true;
    const prompt = typeof json.tokens_evaluated === 'number' ? json.tokens_evaluated : null;
    const out = typeof json.tokens_predicted === 'number' ? json.tokens_predicted : null;
    const usage = last && prompt !== null && out !== null ? usageOf({ prompt_tokens: prompt, completion_tokens: out }) : null;
    const finish = last ? (json.stopped_limit === true ? 'length' : 'stop') : null;
    return { text: typeof json.content === 'string' ? json.content : '', finish, usage, last };
  }
  const choice = Array.isArray(json.choices) && isObject(json.choices[0]) ? json.choices[0] : null;
  let text = '';
  if (choice) {
    if (typeof choice.text === 'string') text = choice.text;
    else if (isObject(choice.delta) && typeof choice.delta.content === 'string') text = choice.delta.content;
    else if (isObject(choice.message) && typeof choice.message.content === 'string') text = choice.message.content;
  }
  const finish = choice && typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
  return { text, finish, usage: usageOf(json.usage), last: false };
}

interface Outcome {
  text: string;
  finish: string | null;
  usage: Usage | null;
}

function noop(): void {}

/** Reads the SSE body; each piece's text goes to onDelta. Ends at [DONE], llama.cpp's stop, or the body's end. */
function readStream(res: Response, ex: Exchange, req: CompletionRequest, secrets: readonly string[], onFirst: () => void): Promise<Outcome> {
  const out: Outcome = { text: '', finish: null, usage: null };
  let done = false;
  let failure: unknown = null;
  const decoder = new SseDecoder((event) => {
    if (done || failure) return;
    if (event.data === '[DONE]') return void (done = true);
    const json = parseJson(event.data);
    if (!isObject(json)) return;
    if (event.event === 'error' || json.error) return void (failure = inBandError(errorObjectOf(json) ?? json, secrets));
    const p = pieceOf(json, req.api);
    if (p.text) {
      if (!out.text) onFirst();
      out.text += p.text;
      try {
        req.onDelta?.(p.text);
      } catch (e) {
        failure = e;
      }
    }
    if (p.finish) out.finish = p.finish;
    if (p.usage) out.usage = p.usage;
    if (p.last) done = true;
  });
  const body = res.body;
  let size = 0;
  return new Promise<Outcome>((resolve, reject) => {
    const settle = (err: unknown) => {
      body.off('data', onData).off('end', onEnd).off('error', onError).on('error', noop);
      if (err !== null) reject(err);
      else if (failure) reject(failure);
      else if (done || out.finish !== null) resolve(out);
      else reject(makeError({ kind: 'stream_interrupted', status: null, secrets }));
    };
    const onData = (bytes: Uint8Array) => {
      size += bytes.byteLength;
      if (size > ex.maxBodyBytes) {
        body.destroy();
        return settle(makeError({ kind: 'protocol', status: null, detail: `the answer is larger than ${ex.maxBodyBytes} bytes`, secrets }));
      }
      decoder.feed(bytes);
      if (failure) {
        body.destroy();
        settle(null);
      }
    };
    const onEnd = () => {
      decoder.end();
      settle(null);
    };
    const onError = (e: unknown) => settle(ex.fail(e));
    body.on('data', onData).once('end', onEnd).once('error', onError);
  });
}

function isEventStream(res: Response): boolean {
  const type = res.headers['content-type'];
  return (Array.isArray(type) ? type[0] : (type ?? '')).toLowerCase().includes('text/event-stream');
}

/** A whole JSON body (non-streaming, or a server that ignored stream: true). */
function parseWhole(text: string, api: CompletionApi, secrets: readonly string[]): Outcome {
  const json = parseJson(text.trim());
  if (!isObject(json)) throw makeError({ kind: 'protocol', status: null, detail: 'the body is not a JSON object', secrets });
  if (json.error) throw inBandError(errorObjectOf(json) ?? { message: String(json.error) }, secrets);
  if (api !== 'infill' && !Array.isArray(json.choices)) throw makeError({ kind: 'protocol', status: null, detail: 'the body has no choices', secrets });
  const p = pieceOf(json, api);
  return { text: p.text, finish: p.finish, usage: p.usage };
}

async function attempt(host: CompletionHost, req: CompletionRequest, onFirst: () => void): Promise<Outcome> {
  const { url, body } = completionBody(req, host.baseUrl);
  const o = host.options;
  const ex = new Exchange(
    {
      method: 'POST',
      url,
      baseUrl: host.baseUrl,
      headers: host.headers(req.stream ? 'text/event-stream' : 'application/json'),
      body: JSON.stringify(body),
      signal: req.signal,
      headersTimeoutMs: o.headersTimeoutMs ?? 60_000,
      maxBodyBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      idleTimeoutMs: o.idleTimeoutMs ?? 60_000,
      totalTimeoutMs: req.stream ? undefined : (o.requestTimeoutMs ?? 120_000),
    },
    host.secrets,
  );
  try {
    const res = await ex.send(await host.dispatcher());
    if (res.statusCode >= 300) throw httpError(res.statusCode, res.headers, await readText(res, ex, host.secrets), host.secrets);
    const out = req.stream && isEventStream(res) ? await readStream(res, ex, req, host.secrets, onFirst) : parseWhole(await readText(res, ex, host.secrets), req.api, host.secrets);
    if (!req.stream || !isEventStream(res)) {
      if (out.text) onFirst();
      if (req.stream && out.text) req.onDelta?.(out.text);
    }
    await socketReleased();
    return out;
  } finally {
    ex.dispose();
  }
}

/** One completion over the wire the request names: no fallback, 0 retries unless asked. */
export async function completeOver(host: CompletionHost, req: CompletionRequest): Promise<CompletionResult> {
  const started = performance.now();
  let ttftMs: number | null = null;
  const onFirst = () => {
    ttftMs ??= performance.now() - started;
  };
  const maxRetries = req.maxRetries ?? 0;
  for (let attempts = 1; ; attempts++) {
    try {
      const out = await attempt(host, req, onFirst);
      const cost = costOf({ model: req.model, usage: out.usage, promptText: req.prompt + (req.suffix ?? ''), completionText: out.text, overrides: host.options.models });
      return { text: out.text, finishReason: out.finish, usage: out.usage, model: req.model, api: req.api, attempts, ttftMs, durationMs: performance.now() - started, ...cost };
    } catch (e) {
      if (!isRelayError(e)) throw e;
      const err: RelayError = e;
      err.attempts = attempts;
      err.model = req.model;
      if (!err.retryable || ttftMs !== null || attempts > maxRetries) throw err;
      const o = host.options;
      await waitOrCancel(backoffDelay(attempts, err, { baseMs: o.retryBaseMs, maxWaitMs: o.maxRetryWaitMs, random: o.random }), req.signal);
    }
  }
}
