// A client-side token bucket whose rate adapts to throttling, as the AWS SDKs' "adaptive" retry
// mode (CUBIC): off until the relay throttles (or states its rate); on a congestion signal the rate
// falls to beta x the measured rate, then recovers along a cubic curve towards the rate it had
// (flat near it, faster further away), probing above it only slowly. A ceiling (the user's
// requests per minute, the rate the relay's headers state) is never exceeded.
// Times are ms on the caller's clock; rates are requests per second.

export interface BucketOptions {
  /** Share of the measured rate kept on throttling (default 0.7, as the AWS SDKs). */
  beta?: number;
  /** Cubic scale constant (default 0.4, as the AWS SDKs). */
  scale?: number;
  /** Lowest rate the bucket falls to (default 0.5/s). */
  minRate?: number;
  /** Most requests sent back to back after an idle spell, in seconds of rate (default 0.1 s, at least 1). */
  burstSeconds?: number;
}

export class AdaptiveBucket {
  private enabled = false;
  private fillRate = 0;
  private capacity = 1;
  private tokens = 1;
  private lastRefill = 0;
  private lastMaxRate = 0;
  private lastThrottle = 0;
  /** Seconds the cubic curve takes to climb back to lastMaxRate. */
  private k = 0;
  private ceiling = Infinity;
  private readonly beta: number;
  private readonly scale: number;
  private readonly minRate: number;
  private readonly burstSeconds: number;

  constructor(opts: BucketOptions = {}) {
    this.beta = opts.beta ?? 0.7;
    this.scale = opts.scale ?? 0.4;
    this.minRate = opts.minRate ?? 0.5;
    this.burstSeconds = opts.burstSeconds ?? 0.1;
  }

  /** Requests per second allowed now; Infinity while the bucket is off. */
  get rate(): number {
    return this.enabled ? this.fillRate : Infinity;
  }

  /** ms until one request may start (0 = now). */
  waitMs(now: number): number {
    if (!this.enabled) return 0;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.fillRate) * 1000);
  }

  /** A request started. */
  take(now: number): void {
    if (!this.enabled) return;
    this.refill(now);
    this.tokens -= 1;
  }

  /** Caps the rate (the relay's stated rate, the user's ceiling) and turns the bucket on. */
  setCeiling(rate: number, now: number): void {
    if (!(rate > 0) || !Number.isFinite(rate)) return;
    this.ceiling = rate;
    if (!this.enabled) {
      this.enabled = true;
      this.lastRefill = now;
      this.lastMaxRate = rate;
      this.lastThrottle = -Infinity;
      this.setRate(rate, now);
      this.tokens = this.capacity;
    } else if (this.fillRate > rate) {
      this.setRate(rate, now);
    }
  }

  /** A congestion signal: the rate falls to beta x min(measured, current), the cubic restarts from there. */
  throttled(now: number, measuredRate: number): void {
    const base = Math.min(this.ceiling, this.enabled ? Math.min(measuredRate, this.fillRate) : measuredRate);
    const rateToUse = Number.isFinite(base) && base > 0 ? base : this.minRate;
    this.lastMaxRate = rateToUse;
    this.k = Math.cbrt((rateToUse * (1 - this.beta)) / this.scale);
    this.lastThrottle = now;
    if (!this.enabled) {
      this.enabled = true;
      this.lastRefill = now;
      this.tokens = 1;
    }
    this.setRate(rateToUse * this.beta, now);
  }

  /** A success: the rate follows the cubic curve, at most twice the measured rate, never above the ceiling. */
  succeeded(now: number, measuredRate: number): void {
    if (!this.enabled) return;
    const t = (now - this.lastThrottle) / 1000;
    const cubic = Number.isFinite(t) ? this.scale * (t - this.k) ** 3 + this.lastMaxRate : Infinity;
    const guard = measuredRate > 0 ? 2 * measuredRate : Infinity;
    this.setRate(Math.min(cubic, guard, this.ceiling), now);
  }

  private setRate(rate: number, now: number): void {
    this.refill(now);
    const finite = Number.isFinite(rate) ? rate : Number.isFinite(this.ceiling) ? this.ceiling : this.lastMaxRate;
    this.fillRate = Math.max(this.minRate, finite);
    this.capacity = Math.max(1, this.fillRate * this.burstSeconds);
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.lastRefill) / 1000;
    if (elapsed > 0) this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.fillRate);
    this.lastRefill = now;
  }
}
