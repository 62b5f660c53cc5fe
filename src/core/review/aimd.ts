// Adaptive concurrency, AIMD (as TCP and Netflix's concurrency-limits AIMDLimit): the limit starts
// at the setting, drops multiplicatively on a congestion signal, grows by one after a window of
// successes (as many as the limit) while the pool is busy, and never exceeds the setting.

export interface AimdOptions {
  /** The setting: the limit starts here and never goes above it. */
  max: number;
  /** Factor applied on a drop (default 0.8; 0.7–0.9 is the usual range). */
  backoff?: number;
}

export class AimdLimit {
  private value: number;
  private successes = 0;
  private readonly backoff: number;

  constructor(private readonly opts: AimdOptions) {
    this.value = Math.max(1, opts.max);
    this.backoff = opts.backoff ?? 0.8;
  }

  /** Requests allowed in flight now (at least 1). */
  get limit(): number {
    return Math.max(1, Math.floor(this.value));
  }

  get max(): number {
    return Math.max(1, this.opts.max);
  }

  /** A congestion signal (throttling, 503, timeout): limit x backoff. */
  drop(): void {
    this.value = Math.max(1, this.value * this.backoff);
    this.successes = 0;
  }

  /** The limit as a number to hand back to restore (after drops that were not congestion). */
  save(): number {
    return this.value;
  }

  restore(value: number): void {
    this.value = Math.min(this.max, Math.max(1, value));
  }

  /** A successful request; `busy`: every slot was taken and work was waiting. */
  succeeded(busy: boolean): void {
    if (!busy || this.value >= this.max) return;
    if (++this.successes < this.limit) return;
    this.successes = 0;
    this.value = Math.min(this.max, Math.floor(this.value) + 1);
  }
}
