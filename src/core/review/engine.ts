// The review run: every planned file through the request pool (non-streaming), retries done here
// so every outcome feeds the pool's adaptive limits, a circuit breaker, cancellation, the cache,
// progress and a summary. Files are read when their turn comes (a few ahead of the pool), not all before the run.
import { setMaxListeners } from 'node:events';
import { RelayError, estimateTokens, isRelayError, makeError, waitOrCancel, type ChatResult, type ModelOverride, type RelayClient } from '../relay';
import type { ChatMessage } from '../relay/types';
import type { ReviewCache } from './cache';
import { mapToFile, mergeFindings, splitLines, type ChunkOptions } from './chunk';
import { filterFindings, type DiffFilter } from './diff';
import { fileRequests, reviewKey } from './estimate';
import { withFingerprints } from './fingerprint';
import { FindingsParseError, parseFindings } from './parse';
import { loadPlanned } from './plan';
import { feedbackOf, retryDelay } from './adaptive';
import { RequestPool, type Timers } from './pool';
import { STRICT_REMINDER, reviewMessages, type Chunk } from './prompt';
import { CircuitBreaker } from './breaker';
import { notRetriedReason, notSentReason } from '../errorText';
import { summarize } from './summary';
import type { FileResult, Finding, LoadedFile, PlannedFile, ReviewPlan, ReviewProgress, ReviewReport } from './types';

export interface ReviewRunOptions {
  client: RelayClient;
  model: string;
  models?: Record<string, ModelOverride>;
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Retries per request for retryable errors (default 4). */
  maxRetries?: number;
  retryBaseMs?: number;
  maxRetryWaitMs?: number;
  /** Consecutive network failures (after retries, no success in between) that stop the run (default 3). */
  networkFailuresToStop?: number;
  chunk?: ChunkOptions;
  cache?: ReviewCache;
  signal?: AbortSignal;
  maxTokens?: number;
  onProgress?(progress: ReviewProgress): void;
  /** Called once per planned file when its result is known. */
  onFile?(result: FileResult): void;
  timers?: Timers;
  /** PR mode: which findings on a file with a diff are kept (default `added`). */
  diffFilter?: DiffFilter;
}

export interface ReviewOutcome extends ReviewReport {
  /** Most requests in flight at once. */
  peakInFlight: number;
  /** The error that tripped the circuit breaker, when the run stopped early. */
  stoppedBy: RelayError | null;
}

interface Totals {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  requests: number;
}

class ReviewRun {
  private readonly pool: RequestPool;
  private readonly breaker: CircuitBreaker;
  private readonly totals: Totals = { promptTokens: 0, completionTokens: 0, costUsd: 0, requests: 0 };
  private readonly progress: ReviewProgress;
  /** Requests answered successfully so far. */
  private successes = 0;
  /** Aborts waits (not requests in flight) when the run is cancelled or the breaker trips. */
  private readonly stop = new AbortController();
  /** Aborts requests in flight: the caller cancelled. */
  private readonly cancel = new AbortController();
  /** Files read and in review at once: enough to keep the pool busy, few enough to bound memory. */
  private readonly window: number;

  constructor(private readonly opts: ReviewRunOptions, private readonly plan: ReviewPlan) {
    this.window = Math.max(8, 2 * (opts.concurrency ?? 4));
    this.pool = new RequestPool({ concurrency: opts.concurrency ?? 4, requestsPerMinute: opts.requestsPerMinute, tokensPerMinute: opts.tokensPerMinute, timers: opts.timers });
    this.breaker = new CircuitBreaker(opts.networkFailuresToStop ?? 3, () => this.stop.abort());
    this.progress = { total: plan.files.length + plan.skipped.length, done: 0, cached: 0, failed: 0, skipped: plan.skipped.length, findings: 0 };
  }

  async run(plan: ReviewPlan): Promise<ReviewReport> {
    const started = Date.now();
    // Every waiting file listens to these signals: thousands of listeners are expected.
    setMaxListeners(0, this.stop.signal, this.cancel.signal);
    const onAbort = () => {
      this.cancel.abort();
      this.stop.abort();
    };
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (this.opts.signal?.aborted) onAbort();
    try {
      this.opts.onProgress?.({ ...this.progress });
      const results = await this.reviewAll(plan.files);
      const files = [...results, ...plan.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return { files, summary: summarize(files, { ...this.totals, durationMs: Date.now() - started }) };
    } finally {
      this.opts.signal?.removeEventListener('abort', onAbort);
      this.pool.close();
    }
  }

  /** `window` workers take the files in order: only the files in review are read and in memory. */
  private async reviewAll(files: PlannedFile[]): Promise<FileResult[]> {
    const results: FileResult[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        results[i] = this.finish(await this.reviewFile(files[i]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.window, files.length) }, worker));
    return results;
  }

  get peakInFlight(): number {
    return this.pool.peakActive;
  }

  get stoppedBy(): RelayError | null {
    return this.breaker.trippedBy;
  }

  private finish(result: FileResult): FileResult {
    if (result.status === 'failed') this.progress.failed++;
    else this.progress.done++;
    if (result.status === 'skipped') this.progress.skipped++;
    if (result.status === 'cached') this.progress.cached++;
    this.progress.findings += result.findings.length;
    this.opts.onFile?.(result);
    const throttle = this.pool.throttle();
    this.opts.onProgress?.(throttle ? { ...this.progress, throttle } : { ...this.progress });
    return result;
  }

  private async reviewFile(planned: PlannedFile): Promise<FileResult> {
    try {
      if (this.stop.signal.aborted) throw makeError({ kind: 'cancelled', status: null });
      const file = await loadPlanned(planned, this.plan.maxFileBytes);
      if ('skip' in file) return { path: planned.path, status: 'skipped', reason: file.skip, findings: [] };
      const key = reviewKey(file, this.opts.model);
      const cached = await this.opts.cache?.get(key);
      if (cached) return { path: file.path, status: 'cached', findings: this.finalFindings(file, cached) };
      const { chunks, lineCount, tokens } = fileRequests(file, this.opts.chunk, this.opts.diffFilter);
      const parts = await Promise.all(chunks.map((c, i) => this.reviewChunk(file, c, lineCount, tokens[i])));
      const findings = mergeFindings(parts.flat());
      await this.opts.cache?.set(key, findings).catch(() => undefined);
      return { path: file.path, status: 'reviewed', findings: this.finalFindings(file, findings) };
    } catch (e) {
      return this.failure(planned.path, e);
    }
  }

  private finalFindings(file: LoadedFile, findings: Finding[]): Finding[] {
    return finalFindings(file, findings, this.opts.diffFilter);
  }

  private failure(path: string, e: unknown): FileResult {
    const tripped = this.breaker.trippedBy;
    if (e instanceof NotRetried) {
      return { path, status: 'failed', errorKind: e.last.kind, reason: notRetriedReason(e.last, tripped), findings: [] };
    }
    if (tripped && isRelayError(e) && e.kind === 'cancelled' && !this.cancel.signal.aborted) {
      return { path, status: 'failed', errorKind: tripped.kind, reason: notSentReason(tripped), findings: [] };
    }
    const err = asRelayError(e);
    const reason = err.kind === 'cancelled' ? 'cancelled before the review finished' : err.message;
    return { path, status: 'failed', errorKind: err.kind, reason, findings: [] };
  }

  /** One chunk; a reply that cannot be parsed is asked again once, with a stricter reminder. Findings in file lines. */
  private async reviewChunk(file: LoadedFile, chunk: Chunk, lineCount: number, tokens: number): Promise<Finding[]> {
    const messages = reviewMessages(file.path, file.language, chunk, lineCount, file.diff);
    const first = await this.send(messages, tokens);
    const parsed = parsedOrError(first, chunk);
    if (!(parsed instanceof FindingsParseError)) return parsed;
    const again = [...messages, { role: 'assistant' as const, content: first }, { role: 'user' as const, content: STRICT_REMINDER }];
    // The unusable reply is this chunk's failure when the run stops before the reminder goes out.
    const second = await this.send(again, tokens + Math.ceil(first.length / 4) + 60, protocolError(parsed.message));
    const reparsed = parsedOrError(second, chunk);
    if (reparsed instanceof FindingsParseError) throw protocolError(`${reparsed.message} (also after a reminder to answer with JSON only)`);
    return reparsed;
  }

  /** One request with retries; the reply text. `earlier`: how the request this one follows up failed. */
  private async send(messages: ChatMessage[], tokens: number, earlier?: RelayError): Promise<string> {
    const failed: { last?: RelayError } = { last: earlier };
    try {
      return await this.attempts(messages, tokens, failed);
    } catch (e) {
      // Stopped by the breaker (not the user) after this request was sent and failed: that failure is the reason.
      const stopped = isRelayError(e) && e.kind === 'cancelled' && !this.cancel.signal.aborted;
      throw stopped && failed.last ? new NotRetried(failed.last) : e;
    }
  }

  /** The attempts of one request; `failed.last` is the latest failure the relay gave it. */
  private async attempts(messages: ChatMessage[], tokens: number, failed: { last?: RelayError }): Promise<string> {
    const maxRetries = this.opts.maxRetries ?? 4;
    let charged = 0;
    // Successes the relay gave other requests since this one last asked (its queue time and retry wait
    // included: a 429 comes back at once, so the moment it was in flight alone would see none).
    let successesBefore = this.successes;
    for (let attempt = 1; ; attempt++) {
      const release = await this.pool.acquire(tokens, this.stop.signal, attempt > 1);
      let result: ChatResult;
      try {
        // The breaker may have tripped while this request waited for its slot.
        if (this.stop.signal.aborted) throw makeError({ kind: 'cancelled', status: null });
        result = await this.opts.client.chat({ model: this.opts.model, messages, stream: false, maxRetries: 0, fallbackModels: [], signal: this.cancel.signal, maxTokens: this.opts.maxTokens, boundedOutput: true, temperature: 0 });
      } catch (e) {
        const err = asRelayError(e);
        if (err.kind !== 'cancelled') failed.last = err;
        this.totals.requests += err.kind === 'cancelled' && !this.cancel.signal.aborted ? 0 : Math.max(1, err.attempts);
        // Trip before the slot is freed (and the pool adapts), so no other request slips out in between.
        this.breaker.attemptFailed(err, this.pool.running);
        // A throttle while other requests get through is the limiter's business, not this file's retry budget.
        if (!(isThrottle(err) && this.successes > successesBefore && attempt < MAX_THROTTLED_ATTEMPTS)) charged++;
        successesBefore = this.successes;
        const retry = err.retryable && charged <= maxRetries && !this.stop.signal.aborted;
        if (!retry) this.breaker.failed(err);
        release(feedbackOf(err));
        if (!retry) throw err;
        // This request waits its own hint (or backoff); the pool pauses only when the budget is gone.
        await waitOrCancel(retryDelay(attempt, err, { baseMs: this.opts.retryBaseMs, maxWaitMs: this.opts.maxRetryWaitMs }), this.stop.signal);
        continue;
      }
      release({ signal: 'ok', rateLimit: result.rateLimit });
      this.successes++;
      this.count(result, messages.map((m) => m.content).join('\n'));
      this.breaker.succeeded();
      return result.text;
    }
  }

  private count(result: ChatResult, prompt: string): void {
    this.totals.requests += Math.max(1, result.attempts);
    this.totals.promptTokens += result.usage?.promptTokens ?? estimateTokens(prompt);
    this.totals.completionTokens += result.usage?.completionTokens ?? estimateTokens(result.text);
    this.totals.costUsd += result.costUsd ?? 0;
  }
}

/** A request that was sent and failed (`last`), whose retry the stopped run never made. */
class NotRetried extends Error {
  constructor(readonly last: RelayError) {
    super(last.message);
  }
}

/** A file's findings as reported: fingerprinted, and in PR mode only those the diff filter keeps (default `added`). */
export function finalFindings(file: LoadedFile, findings: Finding[], filter: DiffFilter = 'added'): Finding[] {
  const printed = withFingerprints(findings, splitLines(file.text));
  return file.diff ? filterFindings(printed, file.diff, filter) : printed;
}

/** Attempts per request after which throttles count against the retry budget again. */
const MAX_THROTTLED_ATTEMPTS = 50;

function isThrottle(err: RelayError): boolean {
  return err.kind === 'rate_limit' && err.retryable;
}

/** The chunk's findings in file lines, or why the reply cannot be used. */
function parsedOrError(reply: string, chunk: Chunk): Finding[] | FindingsParseError {
  try {
    return mapToFile(parseFindings(reply, chunk.lines.length), chunk);
  } catch (e) {
    if (e instanceof FindingsParseError) return e;
    throw e;
  }
}

function protocolError(message: string): RelayError {
  return new RelayError({ kind: 'protocol', status: null, retryable: false, retryAfterMs: null, code: null, message: `Unusable review reply: ${message}` });
}

function asRelayError(e: unknown): RelayError {
  if (isRelayError(e)) return e;
  return new RelayError({ kind: 'protocol', status: null, retryable: false, retryAfterMs: null, code: null, message: e instanceof Error ? e.message : String(e) });
}

/** Reviews every planned file; skipped files are passed through. Never rejects for a file's failure. */
export async function reviewFiles(plan: ReviewPlan, opts: ReviewRunOptions): Promise<ReviewOutcome> {
  const run = new ReviewRun(opts, plan);
  const report = await run.run(plan);
  return { ...report, peakInFlight: run.peakInFlight, stoppedBy: run.stoppedBy };
}
