// The request pool: an adaptive concurrency limit and request rate (adaptive.ts, fed by each
// request's outcome on release), the user's hard ceilings (requests and estimated tokens per
// minute) and a pool-wide pause (the relay's budget is exhausted).
import { makeError } from '../relay';
import { AdaptiveLimits, type Feedback } from './adaptive';
import type { ReviewProgress } from './types';

const cancelledError = () => makeError({ kind: 'cancelled', status: null });

export interface Timers {
  now(): number;
  /** Calls fn after ms; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  schedule(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

export interface PoolOptions {
  concurrency: number;
  /** 0 or undefined: no limit. */
  requestsPerMinute?: number;
  /** Estimated prompt tokens per minute; 0 or undefined: no limit. */
  tokensPerMinute?: number;
  timers?: Timers;
}

/** Frees a slot; the outcome (when given) feeds the adaptive limits. Calls after the first do nothing. */
export type Release = (outcome?: Feedback) => void;

interface Waiter {
  tokens: number;
  resolve(release: Release): void;
  reject(e: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

const WINDOW_MS = 60_000;

export class RequestPool {
  private active = 0;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private readonly starts: { at: number; tokens: number }[] = [];
  private cancelTimer: (() => void) | null = null;
  private readonly timers: Timers;
  private readonly limits: AdaptiveLimits;
  /** Most requests ever running at once (for tests and the benchmark). */
  peakActive = 0;

  constructor(private readonly opts: PoolOptions) {
    this.timers = opts.timers ?? realTimers;
    this.limits = new AdaptiveLimits({ concurrency: opts.concurrency, requestsPerMinute: opts.requestsPerMinute });
  }

  /** The concurrency limit now (the setting, or less while the relay throttles). */
  get concurrency(): number {
    return this.limits.concurrency;
  }

  /** Requests per second the adaptive bucket allows now (Infinity: not limited). */
  get rate(): number {
    return this.limits.bucket.rate;
  }

  /** For progress: set while the relay throttles the run below the settings. */
  throttle(): ReviewProgress['throttle'] {
    return this.limits.throttle(this.active, this.timers.now());
  }

  get running(): number {
    return this.active;
  }

  /** No request starts before now + ms (a later pause extends, a shorter one never shortens). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timers.now() + ms);
    this.pump();
  }

  /** Waits for a slot; resolves with the function that frees it. `first` puts a retry ahead of new work. */
  acquire(tokens: number, signal?: AbortSignal, first = false): Promise<Release> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(cancelledError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (first) this.queue.unshift(waiter);
      else this.queue.push(waiter);
      this.pump();
    });
  }

  /** Cancels the pending wake-up timer (call when the run ends). */
  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private release(seq: number, outcome: Feedback | undefined): void {
    const busy = this.queue.length > 0 && this.active >= this.limits.concurrency;
    this.active--;
    if (outcome) {
      const pauseMs = this.limits.record(seq, outcome, this.timers.now(), busy);
      if (pauseMs > 0) this.pausedUntil = Math.max(this.pausedUntil, this.timers.now() + pauseMs);
    }
    this.pump();
  }

  /** Starts every waiter the limits allow now; otherwise wakes up when the next one may start. */
  private pump(): void {
    while (this.queue.length > 0 && this.active < this.limits.concurrency) {
      const waitMs = this.waitFor(this.queue[0].tokens);
      if (waitMs > 0) return this.wakeIn(waitMs);
      const w = this.queue.shift()!;
      if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
      this.active++;
      this.peakActive = Math.max(this.peakActive, this.active);
      const now = this.timers.now();
      this.starts.push({ at: now, tokens: w.tokens });
      const seq = this.limits.start(now, w.tokens);
      let released = false;
      w.resolve((outcome) => {
        if (released) return;
        released = true;
        this.release(seq, outcome);
      });
    }
  }

  private wakeIn(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.timers.schedule(() => {
      this.cancelTimer = null;
      this.pump();
    }, ms);
  }

  /** ms until a request of `tokens` may start (0 = now). */
  private waitFor(tokens: number): number {
    const now = this.timers.now();
    while (this.starts.length && this.starts[0].at <= now - WINDOW_MS) this.starts.shift();
    let wait = Math.max(0, this.pausedUntil - now, this.limits.waitMs(now));
    const rpm = this.opts.requestsPerMinute ?? 0;
    if (rpm > 0 && this.starts.length >= rpm) wait = Math.max(wait, this.starts[this.starts.length - rpm].at + WINDOW_MS - now);
    const tpm = this.opts.tokensPerMinute ?? 0;
    if (tpm > 0) wait = Math.max(wait, this.tokenWait(tokens, tpm, now));
    return wait;
  }

  /** Until enough of the window's tokens expire; a request bigger than the budget waits for an empty window. */
  private tokenWait(tokens: number, tpm: number, now: number): number {
    let used = this.starts.reduce((sum, s) => sum + s.tokens, 0);
    for (const s of this.starts) {
      if (used === 0 || used + tokens <= tpm) break;
      used -= s.tokens;
      if (used + tokens <= tpm || used === 0) return s.at + WINDOW_MS - now;
    }
    return used > 0 && used + tokens > tpm ? WINDOW_MS : 0;
  }
}
