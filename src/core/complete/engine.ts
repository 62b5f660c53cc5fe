// The inline completion pipeline, vscode-free: gather context -> caches and in-flight reuse ->
// debounce -> request over the chosen backend (stream) -> post-process -> cache. The VS Code
// provider and the benchmark's typist both drive it through provide().
import { costOf } from '../relay/models';
import type { RelayClient, RuleStore } from '../relay/types';
import { BackendMemory, candidates, refusesWire, type ApiSetting, type Backend } from './backend';
import { CompletionCache } from './cache';
import { DEFAULT_BUDGET, gatherContext, withSnippets, type CompletionContext, type DocumentView } from './context';
import { Debouncer } from './debounce';
import { InFlight } from './inflight';
import { LatencyTracker, type Served } from './latency';
import { postProcess } from './postprocess';
import { chatRequest, completionRequest } from './request';
import { opensBlock } from './shape';
import type { SnippetSource } from './snippets';

export interface EngineSettings {
  model: string;
  api: ApiSetting;
  maxTokens: number;
  /** 0: adaptive. */
  debounceMs: number;
}

export interface EngineDeps {
  client(): Promise<RelayClient>;
  settings(): EngineSettings;
  /** The relay origin (backend refusals are remembered per origin and model). */
  origin(): string;
  rules?: RuleStore;
  /** Every request's cost (null: unknown price), finished or aborted. */
  onCost?(usd: number | null, model: string): void;
  /** A request failed for another reason than an abort (the glue logs it). */
  onError?(error: unknown): void;
  /** Called before each request is sent (the glue's one-time cost notice may hold it). */
  beforeRequest?(): Promise<boolean>;
  now?(): number;
}

export interface ProvideInput {
  doc: DocumentView;
  /** Snippet sources, read only when a request goes out (not on keystrokes the caches serve). */
  sources: readonly SnippetSource[] | (() => readonly SnippetSource[]);
  /** Explicit (Alt+\): no debounce. */
  invoked: boolean;
  /** Aborted when the editor no longer wants this answer (a newer keystroke). */
  signal?: AbortSignal;
}

export interface Suggestion {
  text: string;
  served: Served;
}

export class CompletionEngine {
  readonly cache = new CompletionCache();
  readonly latency = new LatencyTracker();
  private debouncer: Debouncer;
  private debounceSetting: number;
  private readonly memory: BackendMemory;
  private inFlight: InFlight | null = null;
  /** Requests sent (each is one HTTP request, whatever its fate). */
  requests = 0;
  private readonly now: () => number;

  constructor(private readonly deps: EngineDeps) {
    this.memory = new BackendMemory(deps.rules);
    this.debounceSetting = deps.settings().debounceMs;
    this.debouncer = new Debouncer(this.debounceSetting);
    this.now = deps.now ?? (() => performance.now());
  }

  /** The suggestion for this position, or null. Never throws (errors go to onError). */
  async provide(input: ProvideInput): Promise<Suggestion | null> {
    const started = this.now();
    const done = (text: string | null | undefined, served: Served): Suggestion | null => {
      if (!text || input.signal?.aborted) return null;
      this.latency.record(this.now() - started, served);
      return { text, served };
    };
    const s = this.deps.settings();
    if (s.debounceMs !== this.debounceSetting) this.debouncer = new Debouncer((this.debounceSetting = s.debounceMs));
    if (!input.invoked) this.debouncer.keystroke(started);
    const ctx = gatherContext(input.doc, [], DEFAULT_BUDGET);
    const exact = this.cache.get(ctx.prefix, ctx.suffix);
    if (exact !== undefined) return done(exact, 'lru');
    const forward = this.cache.forward(ctx.prefix, ctx.suffix);
    if (forward !== undefined) return done(forward, 'forward');
    const reused = await this.reuse(ctx);
    if (reused !== undefined) return done(reused, 'reuse');
    if (!input.invoked && !(await this.debouncer.wait(input.signal))) return null;
    if (input.signal?.aborted) return null;
    this.inFlight?.abort();
    if (this.deps.beforeRequest && !(await this.deps.beforeRequest())) return null;
    const sources = typeof input.sources === 'function' ? input.sources() : input.sources;
    const flight = this.start(ctx, sources.length ? withSnippets(ctx, sources, DEFAULT_BUDGET) : ctx, s);
    const text = await raceAbort(flight.result, input.signal);
    return done(text, 'request');
  }

  /** The in-flight request's answer minus what was typed since, when it can still serve this position. */
  private async reuse(ctx: CompletionContext): Promise<string | null | undefined> {
    const f = this.inFlight;
    if (!f || f.settled) return undefined;
    const typed = f.typedSince(ctx.prefix, ctx.suffix);
    if (typed === undefined || !f.mayStartWith(typed)) return undefined;
    const text = await f.result;
    if (text && text.startsWith(typed) && text.length > typed.length) return text.slice(typed.length);
    return undefined;
  }

  private start(ctx: CompletionContext, full: CompletionContext, s: EngineSettings): InFlight {
    const flight = new InFlight(ctx.prefix, ctx.suffix);
    this.inFlight = flight;
    flight.result = this.fetch(full, s, flight).then(
      (text) => {
        this.cache.set(ctx.prefix, ctx.suffix, text ?? '');
        return text;
      },
      (e: unknown) => {
        if ((e as { kind?: string } | null)?.kind !== 'cancelled') this.deps.onError?.(e);
        return null;
      },
    );
    void flight.result.finally(() => {
      flight.settled = true;
      if (this.inFlight === flight) this.inFlight = null;
    });
    return flight;
  }

  private async fetch(ctx: CompletionContext, s: EngineSettings, flight: InFlight): Promise<string | null> {
    const multiline = opensBlock(ctx.prefix, ctx.suffix);
    const origin = this.deps.origin();
    const list = this.memory.usable(origin, s.model, candidates(s.model, s.api));
    for (let i = 0; i < list.length; i++) {
      try {
        const { raw, stop } = await this.send(list[i], ctx, s, multiline, flight);
        return postProcess(raw, { prefix: ctx.prefix, suffix: ctx.suffix, multiline, stop });
      } catch (e) {
        if (!refusesWire(e) || s.api !== 'auto') throw e;
        this.memory.remember(origin, s.model, list[i]);
        if (i === list.length - 1) throw e;
      }
    }
    return null;
  }

  /** One HTTP request over one backend; its cost is counted whatever happens. */
  private async send(backend: Backend, ctx: CompletionContext, s: EngineSettings, multiline: boolean, flight: InFlight): Promise<{ raw: string; stop: string[] }> {
    const client = await this.deps.client();
    const shape = { model: s.model, maxTokens: s.maxTokens, multiline };
    const signal = flight.controller.signal;
    flight.raw = '';
    this.requests++;
    let promptText = '';
    try {
      if (backend === 'chat') {
        const req = chatRequest(ctx, shape);
        promptText = req.messages.map((m) => m.content).join('\n');
        const res = await client.chat({ ...req, signal, onDelta: (d) => void (flight.raw += d.content ?? '') });
        this.deps.onCost?.(res.costUsd, res.model);
        return { raw: res.text, stop: [] };
      }
      const req = completionRequest(backend, ctx, shape);
      promptText = req.prompt + (req.suffix ?? '');
      const res = await client.complete({ ...req, signal, onDelta: (t) => void (flight.raw += t) });
      this.deps.onCost?.(res.costUsd, res.model);
      return { raw: res.text, stop: req.stop ?? [] };
    } catch (e) {
      // A refused or aborted request still cost its prompt on most relays (an estimate).
      const status = (e as { status?: number | null }).status;
      if (status === null || status === undefined || status < 400) this.deps.onCost?.(costOf({ model: s.model, usage: null, promptText, completionText: flight.raw }).costUsd, s.model);
      throw e;
    }
  }

  /** Aborts the request in flight (the socket closes). */
  dispose(): void {
    this.inFlight?.abort();
    this.inFlight = null;
  }
}

/** The value, or null as soon as the signal aborts (the promise goes on for the caches). */
function raceAbort<T>(p: Promise<T | null>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then((v) => {
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    });
  });
}
