// The relay client: the wire and parameters per model, learned rules, retries, fallback and results.
import type { Dispatcher } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES, completeAttempt, readText, streamAttempt, type AttemptInput, type AttemptOutput } from './attempt';
import { httpError, makeError } from './classify';
import { isRelayError, type RelayError } from './errors';
import { Exchange, createDispatcher } from './http';
import { parseJson } from './json';
import { CHARS_PER_TOKEN, costOf, resolveModel } from './models';
import { paramsOf, type LearnedRules } from '../models/params';
import { learnFrom, memoryRuleStore, rulesKey, sentParams } from './learn';
import { chatWire } from './wires/chat';
import { responsesWire } from './wires/responses';
import type { Wire } from './wires/wire';
import { backoffDelay, waitOrCancel } from './retry';
import { completeOver } from './complete';
import type { ChatRequest, ChatResult, CompletionRequest, CompletionResult, ModelInfo, RelayClient, RelayClientOptions, RuleStore, WireApi } from './types';
import { secretHeaderValues } from '../redact';
import { publishedInfoOf } from '../models/openrouter';

/** Per call: counts and timings shared by every attempt over every model. */
interface Run {
  started: number;
  attempts: number;
  ttftMs: number | null;
  sawVisible: boolean;
}

/** One request as it goes out: its wire and body (object and text). */
interface Built {
  wire: Wire;
  body: Record<string, unknown>;
  text: string;
}

const WIRES: Record<WireApi, Wire> = { chat: chatWire, responses: responsesWire };

/** The prompt's size in tokens, estimated from its characters (images not counted). */
function promptTokensOf(req: ChatRequest): number {
  let chars = 0;
  for (const m of req.messages) chars += m.content.length;
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Learning retries per call at most (each must change the request: temperature, then the budget name, …). */
const MAX_LEARNING_RETRIES = 3;

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
  private readonly secrets: string[];
  private readonly baseUrl: string;
  private readonly extraHeaders: Record<string, string>;
  private readonly rules: RuleStore;

  constructor(private readonly o: RelayClientOptions) {
    ({ baseUrl: this.baseUrl, extraHeaders: this.extraHeaders, secrets: this.secrets } = relayBasics(o));
    this.rules = o.rules ?? memoryRuleStore();
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

  private learned(model: string): LearnedRules | undefined {
    return this.rules.get<LearnedRules>(rulesKey(this.baseUrl, model));
  }

  /** The wire and body for this model now: family table, settings, learned rules. */
  private build(model: string, req: ChatRequest): Built {
    const learned = this.learned(model);
    // Only a bounded budget needs the prompt's size (counting a large review prompt is a pass over it).
    const promptTokens = req.maxTokens === undefined && (req.boundedOutput || learned?.needsBudget) ? promptTokensOf(req) : 0;
    const params = paramsOf({ ...req, model, promptTokens }, this.o.models, learned);
    const wire = WIRES[params.api];
    const body = wire.body(model, req, params);
    return { wire, body, text: JSON.stringify(body) };
  }

  private async attempt(built: Built, req: ChatRequest, run: Run): Promise<AttemptOutput> {
    const { wire } = built;
    const input: AttemptInput = {
      dispatcher: await this.getDispatcher(),
      secrets: this.secrets,
      onDelta: req.onDelta,
      onFirstVisible: () => {
        run.sawVisible = true;
        run.ttftMs = performance.now() - run.started;
      },
      accumulator: wire.accumulator,
      parse: wire.parse,
      send: {
        url: `${this.baseUrl}${wire.path}`,
        baseUrl: this.baseUrl,
        headers: this.headers(req.stream ? 'text/event-stream' : 'application/json', true),
        body: built.text,
        signal: req.signal,
        headersTimeoutMs: this.o.headersTimeoutMs ?? 60_000,
        maxBodyBytes: this.o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        idleTimeoutMs: this.o.idleTimeoutMs ?? 60_000,
        totalTimeoutMs: req.stream ? undefined : (this.o.requestTimeoutMs ?? 120_000),
      },
    };
    return req.stream ? streamAttempt(input) : completeAttempt(input);
  }

  /**
   * A relay's answer about a parameter we sent (or the wire): the rule is stored for this origin and
   * model, and true when the request as it would be sent now differs (one retry, not a failure).
   * A request started before another learned the same rule retries with it too.
   */
  private async relearn(model: string, req: ChatRequest, sent: Built, e: RelayError): Promise<boolean> {
    const params = sentParams(sent.body);
    if (!learnFrom(e, params, sent.wire.api, undefined)) return false;
    const next = learnFrom(e, params, sent.wire.api, this.learned(model));
    if (next) await this.rules.update(rulesKey(this.baseUrl, model), next);
    const now = this.build(model, req);
    return now.text !== sent.text || now.wire !== sent.wire;
  }

  /** Attempts on one model until success, a non-retryable error, or the retry budget is spent. */
  private async withRetries(model: string, req: ChatRequest, run: Run, hasFallback: boolean): Promise<AttemptOutput & { api: WireApi }> {
    const maxRetries = req.maxRetries ?? this.o.maxRetries ?? 3;
    let failures = 0;
    let learning = 0;
    while (true) {
      const built = this.build(model, req);
      run.attempts++;
      try {
        return { ...(await this.attempt(built, req, run)), api: built.wire.api };
      } catch (e) {
        if (!isRelayError(e)) throw e;
        if (!run.sawVisible && learning < MAX_LEARNING_RETRIES && (await this.relearn(model, req, built, e))) {
          learning++;
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

  private result(model: string, req: ChatRequest, run: Run, out: AttemptOutput & { api: WireApi }): ChatResult {
    const cost = this.costOf(model, req, out.usage, out.usage ? '' : out.text + out.reasoning);
    return {
      text: out.text,
      reasoning: out.reasoning || null,
      finishReason: out.finishReason,
      usage: out.usage,
      toolCalls: out.toolCalls,
      api: out.api,
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
    if (typeof id === 'string') out.push({ id, ...(typeof owned_by === 'string' ? { ownedBy: owned_by } : {}), ...publishedInfoOf(m) });
  }
  return out;
}
