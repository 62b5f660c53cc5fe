// The relay client: request building, retries, the stream_options downgrade, fallback and results.
import type { Dispatcher } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES, completeAttempt, readText, streamAttempt, type AttemptInput, type AttemptOutput } from './attempt';
import { httpError, makeError } from './classify';
import { isRelayError, type RelayError } from './errors';
import { Exchange, createDispatcher } from './http';
import { parseJson } from './json';
import { costOf, overrideOf, resolveModel } from './models';
import { backoffDelay, waitOrCancel } from './retry';
import { completeOver } from './complete';
import type { ChatRequest, ChatResult, CompletionRequest, CompletionResult, ModelInfo, RelayClient, RelayClientOptions } from './types';
import { secretHeaderValues } from '../redact';

/** Per call: counts and timings shared by every attempt over every model. */
interface Run {
  started: number;
  attempts: number;
  ttftMs: number | null;
  sawVisible: boolean;
}

/** From the options: the base URL without trailing slashes, the extra headers (lower-case names) and the secrets to redact (key, secret-looking header values). */
export function relayBasics(o: RelayClientOptions): { baseUrl: string; extraHeaders: Record<string, string>; secrets: string[] } {
  const extraHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(o.headers ?? {})) extraHeaders[name.toLowerCase()] = value;
  return { baseUrl: o.baseUrl.replace(/\/+$/, ''), extraHeaders, secrets: [o.apiKey ?? '', ...secretHeaderValues(extraHeaders)].filter((s) => s.length > 0) };
}

export function createRelayClient(opts: RelayClientOptions): RelayClient {
  return new Client(opts);
}

/** The model chain: the requested model, then the fallbacks, aliases resolved, each once. */
function chainOf(model: string, fallbacks: string[]): string[] {
  return [...new Set([resolveModel(model), ...fallbacks.filter(Boolean).map(resolveModel)])];
}

class Client implements RelayClient {
  private dispatcher: Promise<Dispatcher> | null = null;
  /** Models whose relay rejected stream_options (remembered for this client). */
  private readonly noStreamOptions = new Set<string>();
  private readonly secrets: string[];
  private readonly baseUrl: string;
  private readonly extraHeaders: Record<string, string>;

  constructor(private readonly o: RelayClientOptions) {
    ({ baseUrl: this.baseUrl, extraHeaders: this.extraHeaders, secrets: this.secrets } = relayBasics(o));
  }

  private getDispatcher(): Promise<Dispatcher> {
    this.dispatcher ??= createDispatcher(this.o);
    return this.dispatcher;
  }

  private headers(accept: string, json: boolean): Record<string, string> {
    const h: Record<string, string> = { accept, ...this.extraHeaders };
    if (json) h['content-type'] = 'application/json';
    if (this.o.apiKey) h.authorization = `Bearer ${this.o.apiKey}`;
    return h;
  }

  private wantsStreamOptions(model: string): boolean {
    return overrideOf(model, this.o.models)?.streamOptions !== false && !this.noStreamOptions.has(model);
  }

  private body(model: string, req: ChatRequest, streamOptions: boolean): string {
    const b: Record<string, unknown> = { model, messages: req.messages, stream: req.stream };
    if (req.maxTokens !== undefined) b.max_tokens = req.maxTokens;
    if (req.temperature !== undefined) b.temperature = req.temperature;
    if (streamOptions) b.stream_options = { include_usage: true };
    return JSON.stringify(b);
  }

  private async attempt(model: string, req: ChatRequest, run: Run, streamOptions: boolean): Promise<AttemptOutput> {
    const input: AttemptInput = {
      dispatcher: await this.getDispatcher(),
      secrets: this.secrets,
      onDelta: req.onDelta,
      onFirstVisible: () => {
        run.sawVisible = true;
        run.ttftMs = performance.now() - run.started;
      },
      send: {
        url: `${this.baseUrl}/chat/completions`,
        baseUrl: this.baseUrl,
        headers: this.headers(req.stream ? 'text/event-stream' : 'application/json', true),
        body: this.body(model, req, streamOptions),
        signal: req.signal,
        headersTimeoutMs: this.o.headersTimeoutMs ?? 60_000,
        maxBodyBytes: this.o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        idleTimeoutMs: this.o.idleTimeoutMs ?? 60_000,
        totalTimeoutMs: req.stream ? undefined : (this.o.requestTimeoutMs ?? 120_000),
      },
    };
    return req.stream ? streamAttempt(input) : completeAttempt(input);
  }

  /** Attempts on one model until success, a non-retryable error, or the retry budget is spent. */
  private async withRetries(model: string, req: ChatRequest, run: Run, hasFallback: boolean): Promise<AttemptOutput> {
    const maxRetries = req.maxRetries ?? this.o.maxRetries ?? 3;
    let failures = 0;
    while (true) {
      const streamOptions = req.stream && this.wantsStreamOptions(model);
      run.attempts++;
      try {
        return await this.attempt(model, req, run, streamOptions);
      } catch (e) {
        if (!isRelayError(e)) throw e;
        if (streamOptions && !run.sawVisible && (e.status === 400 || e.status === 422)) {
          this.noStreamOptions.add(model);
          continue;
        }
        failures++;
        const stop = !e.retryable || run.sawVisible || failures > maxRetries || (e.kind === 'overloaded' && hasFallback);
        if (stop) throw e;
        const delayMs = backoffDelay(failures, e, { baseMs: this.o.retryBaseMs, maxWaitMs: this.o.maxRetryWaitMs, random: this.o.random });
        req.onRetry?.({ attempt: failures, delayMs, error: e.toJSON(), model });
        await waitOrCancel(delayMs, req.signal);
      }
    }
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    const run: Run = { started: performance.now(), attempts: 0, ttftMs: null, sawVisible: false };
    const models = chainOf(req.model, req.fallbackModels ?? this.o.fallbackModels ?? []);
    for (let i = 0; ; i++) {
      const model = models[i];
      try {
        const out = await this.withRetries(model, req, run, i < models.length - 1);
        return this.result(model, req, run, out);
      } catch (e) {
        if (!isRelayError(e)) throw e;
        if (i >= models.length - 1 || !this.fallsBack(e, run)) throw this.finalError(e, model, req, run);
      }
    }
  }

  private fallsBack(e: RelayError, run: Run): boolean {
    if (run.sawVisible || e.kind === 'cancelled') return false;
    return e.retryable || e.kind === 'not_found' || e.kind === 'overloaded';
  }

  private finalError(e: RelayError, model: string, req: ChatRequest, run: Run): RelayError {
    e.attempts = run.attempts;
    e.model = model;
    const partial = e.partialText + e.partialReasoning;
    if (partial) e.costUsd = this.costOf(model, req, null, partial).costUsd;
    return e;
  }

  private costOf(model: string, req: ChatRequest, usage: AttemptOutput['usage'], completionText: string) {
    // The prompt text is needed only to estimate without usage (joining a large review prompt is a copy).
    const promptText = usage ? '' : req.messages.map((m) => m.content).join('\n');
    return costOf({ model, usage, promptText, completionText: usage ? '' : completionText, overrides: this.o.models });
  }

  private result(model: string, req: ChatRequest, run: Run, out: AttemptOutput): ChatResult {
    const cost = this.costOf(model, req, out.usage, out.usage ? '' : out.text + out.reasoning);
    return {
      text: out.text,
      reasoning: out.reasoning || null,
      finishReason: out.finishReason,
      usage: out.usage,
      toolCalls: out.toolCalls,
      api: 'chat',
      model,
      attempts: run.attempts,
      ttftMs: run.ttftMs,
      durationMs: performance.now() - run.started,
      rateLimit: out.rateLimit ?? null,
      ...cost,
    };
  }

  complete(req: CompletionRequest): Promise<CompletionResult> {
    return completeOver({ options: this.o, baseUrl: this.baseUrl, secrets: this.secrets, dispatcher: () => this.getDispatcher(), headers: (accept) => this.headers(accept, true) }, req);
  }

  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const ex = new Exchange(
      {
        method: 'GET',
        url: `${this.baseUrl}/models`,
        baseUrl: this.baseUrl,
        headers: this.headers('application/json', false),
        signal,
        headersTimeoutMs: this.o.headersTimeoutMs ?? 60_000,
        maxBodyBytes: this.o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        idleTimeoutMs: this.o.idleTimeoutMs ?? 60_000,
        totalTimeoutMs: this.o.requestTimeoutMs ?? 120_000,
      },
      this.secrets,
    );
    try {
      const res = await ex.send(await this.getDispatcher());
      const text = await readText(res, ex, this.secrets);
      if (res.statusCode === 404) return [];
      if (res.statusCode >= 300) throw httpError(res.statusCode, res.headers, text, this.secrets);
      return modelsOf(parseJson(text.trim()), this.secrets);
    } finally {
      ex.dispose();
    }
  }

  async close(): Promise<void> {
    const d = this.dispatcher;
    this.dispatcher = null;
    const dispatcher = d ? await d.catch(() => null) : null;
    await dispatcher?.close();
  }
}

function modelsOf(json: unknown, secrets: readonly string[]): ModelInfo[] {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw makeError({ kind: 'protocol', status: null, detail: 'the model list has no data array', secrets });
  const out: ModelInfo[] = [];
  for (const m of data) {
    const { id, owned_by } = (m ?? {}) as { id?: unknown; owned_by?: unknown };
    if (typeof id === 'string') out.push(typeof owned_by === 'string' ? { id, ownedBy: owned_by } : { id });
  }
  return out;
}
