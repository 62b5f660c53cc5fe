// The adaptive limits of a review run: what the relay's answers say about its real limit, turned
// into a concurrency limit (AIMD), a request rate (the adaptive bucket) and pool-wide pauses.
// - A throttle (429) from one worker only delays that request (its own Retry-After, with jitter).
// - Congestion, several requests throttled in one window (>= 3 and >= 25% of the last 4 x
//   concurrency answers; >= 50% while fewer than half that have come back), lowers
//   the rate and the concurrency once; answers to requests sent before that drop do not count again.
// - The budget exhausted (x-ratelimit-remaining-* = 0, or >= 50% of the window throttled) pauses
//   the whole pool until the relay says the next request may go.
// - x-ratelimit-* headers seed and cap the rate; 503 / 529 / timeouts lower the concurrency.
// - Network failures lower the concurrency at each one (few new requests go to a relay that is
//   down while the breaker waits for every request in flight to fail); the first success after
//   them gives the limit back.
// Times are ms on the pool's clock.
import type { RelayError } from '../relay/errors';
import type { RateLimitInfo } from '../relay/ratelimit';
import { DEFAULT_MAX_RETRY_WAIT_MS, backoffDelay, type BackoffOptions } from '../relay/retry';
import { AimdLimit } from './aimd';
import { AdaptiveBucket } from './bucket';
import type { ReviewProgress } from './types';

/** How a request ended, as far as the limits care. */
export type Signal = 'ok' | 'throttled' | 'overloaded' | 'unreachable' | 'failed';

export interface Feedback {
  signal: Signal;
  retryAfterMs?: number | null;
  rateLimit?: RateLimitInfo | null;
}

export interface AdaptiveOptions {
  /** The setting: the concurrency limit never exceeds it. */
  concurrency: number;
  /** The user's ceiling (0 or undefined: none); only used to tell when the run is throttled below it. */
  requestsPerMinute?: number;
}

interface Outcome {
  at: number;
  throttled: boolean;
}

/** The window for the measured rate. */
const RATE_WINDOW_MS = 1000;
/** Outcomes older than this leave the congestion window. */
const OUTCOME_MAX_AGE_MS = 5000;
const CONGESTION_MIN = 3;
const CONGESTION_SHARE = 0.25;
const EXHAUSTED_SHARE = 0.5;
/** The refill rate the relay states is approached to this share, leaving room for timing noise. */
const SAFETY = 0.95;

export class AdaptiveLimits {
  readonly aimd: AimdLimit;
  readonly bucket = new AdaptiveBucket();
  private started = 0;
  /** Requests with a lower sequence number were sent before the last drop. */
  private dropSeq = 0;
  private window: Outcome[] = [];
  private readonly windowSize: number;
  /** Start times within the rate window. */
  private sent: number[] = [];
  private firstStart = -1;
  private tokenSum = 0;
  /** The concurrency before a run of network failures (null: none going on). */
  private beforeNetwork: number | null = null;

  constructor(private readonly opts: AdaptiveOptions) {
    this.aimd = new AimdLimit({ max: opts.concurrency });
    this.windowSize = Math.max(10, 4 * opts.concurrency);
  }

  get concurrency(): number {
    return this.aimd.limit;
  }

  waitMs(now: number): number {
    return this.bucket.waitMs(now);
  }

  /** A request starts; returns its sequence number (for record). */
  start(now: number, tokens: number): number {
    if (this.firstStart < 0) this.firstStart = now;
    this.bucket.take(now);
    this.sent.push(now);
    this.tokenSum += tokens;
    return this.started++;
  }

  /** Requests sent per second, lately (what the AWS SDKs measure). */
  measuredRate(now: number): number {
    while (this.sent.length && this.sent[0] <= now - RATE_WINDOW_MS) this.sent.shift();
    const span = Math.min(RATE_WINDOW_MS, Math.max(250, now - this.firstStart));
    return (this.sent.length * 1000) / span;
  }

  /** What request `seq` taught; returns how long the whole pool should pause (0: no pause). */
  record(seq: number, fb: Feedback, now: number, busy: boolean): number {
    let pause = fb.rateLimit ? this.fromHeaders(fb.rateLimit, now) : 0;
    const current = seq >= this.dropSeq;
    if (fb.signal === 'unreachable') {
      this.beforeNetwork ??= this.aimd.save();
      this.aimd.drop();
    }
    if (fb.signal === 'ok') {
      if (this.beforeNetwork !== null) this.aimd.restore(this.beforeNetwork);
      this.beforeNetwork = null;
      this.aimd.succeeded(busy);
      this.bucket.succeeded(now, this.measuredRate(now));
    }
    if (fb.signal === 'overloaded' && current) this.drop(now, false);
    if (!current || (fb.signal !== 'ok' && fb.signal !== 'throttled')) return pause;
    this.window.push({ at: now, throttled: fb.signal === 'throttled' });
    while (this.window.length > this.windowSize || this.window[0].at <= now - OUTCOME_MAX_AGE_MS) this.window.shift();
    if (fb.signal !== 'throttled') return pause;
    const throttled = this.window.filter((o) => o.throttled).length;
    const share = throttled / this.window.length;
    // Until the window has filled half way, only a clear majority counts (a few random 429s early on are no limit).
    const needed = this.window.length * 2 >= this.windowSize ? CONGESTION_SHARE : EXHAUSTED_SHARE;
    if (throttled < CONGESTION_MIN || share < needed) return pause;
    // Without headers, the hint is all the relay said about when its budget is back.
    if (share >= EXHAUSTED_SHARE && !fb.rateLimit) pause = Math.max(pause, fb.retryAfterMs ?? 0);
    this.drop(now, true);
    return pause;
  }

  /** Set while the run goes below the setting (fewer in flight, or a rate under the user's ceiling). */
  throttle(inFlight: number, now: number): ReviewProgress['throttle'] {
    const rate = this.bucket.rate;
    const rpm = this.opts.requestsPerMinute ?? 0;
    const ceiling = rpm > 0 ? rpm / 60 : Infinity;
    if (this.aimd.limit >= this.aimd.max && !(rate < ceiling)) return undefined;
    const rps = Number.isFinite(rate) ? rate : this.measuredRate(now);
    return { inFlight, concurrency: this.aimd.limit, requestsPerSecond: Math.round(rps * 10) / 10 };
  }

  private drop(now: number, throttled: boolean): void {
    this.aimd.drop();
    if (throttled) this.bucket.throttled(now, this.measuredRate(now));
    this.dropSeq = this.started;
    this.window = [];
  }

  /** Caps the bucket at the rate the relay states; the pause its budget calls for (0: none). */
  private fromHeaders(r: RateLimitInfo, now: number): number {
    const perRequest = this.started > 0 ? Math.max(1, this.tokenSum / this.started) : 1;
    const requests = statedRate(r.limitRequests, r.remainingRequests, r.resetRequestsMs);
    const tokens = statedRate(r.limitTokens, r.remainingTokens, r.resetTokensMs);
    const ceiling = Math.min(requests.rate, tokens.rate / perRequest);
    if (Number.isFinite(ceiling)) this.bucket.setCeiling(ceiling, now);
    return Math.max(requests.pauseMs, tokens.pauseMs);
  }
}

/**
 * A budget's sustainable rate (per second) and the wait when it is empty. The reset time is read
 * both ways relays send it: until the budget is full (OpenAI: (limit - remaining) / reset is the
 * refill rate) and until a fixed window ends (remaining / reset); the larger never undershoots.
 */
function statedRate(limit: number | undefined, remaining: number | undefined, resetMs: number | undefined): { rate: number; pauseMs: number } {
  if (remaining === undefined || resetMs === undefined || !(resetMs > 0)) return { rate: Infinity, pauseMs: 0 };
  const seconds = resetMs / 1000;
  const refill = limit !== undefined && limit > remaining ? ((limit - remaining) / seconds) * SAFETY : 0;
  const rate = Math.max(refill, remaining / seconds);
  if (remaining > 0) return { rate: rate > 0 ? rate : Infinity, pauseMs: 0 };
  // Empty: the next unit is due after one refill step (or the whole reset when the limit is unknown).
  return { rate: rate > 0 ? rate : Infinity, pauseMs: limit !== undefined && limit > 0 ? resetMs / limit : resetMs };
}

/** What a failed request tells the limits; undefined for a cancel (it says nothing about the relay). */
export function feedbackOf(err: RelayError): Feedback | undefined {
  if (err.kind === 'cancelled') return undefined;
  const base = { retryAfterMs: err.retryAfterMs, rateLimit: err.rateLimit };
  if (err.kind === 'rate_limit' && err.retryable) return { signal: 'throttled', ...base };
  if (err.kind === 'network') return { signal: 'unreachable', ...base };
  if (err.kind === 'overloaded' || err.kind === 'timeout' || err.status === 503) return { signal: 'overloaded', ...base };
  return { signal: 'failed', ...base };
}

/** Share of a hinted wait added as jitter (at most 1 s), so throttled requests do not all come back at once. */
const HINT_JITTER = 0.2;

/** The wait before retry `attempt`: never before the relay's hint (plus jitter), else exponential backoff. */
export function retryDelay(attempt: number, err: RelayError, opts: BackoffOptions = {}): number {
  if (err.retryAfterMs === null) return backoffDelay(attempt, err, opts);
  const hint = Math.min(err.retryAfterMs, opts.maxWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS);
  const random = opts.random ?? Math.random;
  return Math.round(hint + random() * Math.min(hint * HINT_JITTER, 1000));
}
