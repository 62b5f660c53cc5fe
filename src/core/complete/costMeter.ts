// Measures what inline completions cost per hour of typing: the cost of every request over the time
// spent typing (gaps between keystrokes, each counted up to a minute).

const MAX_GAP_MS = 60_000;

export class CostMeter {
  private usd = 0;
  private unknown = 0;
  requests = 0;
  private activeMs = 0;
  private last: number | null = null;

  keystroke(now: number): void {
    if (this.last !== null) this.activeMs += Math.min(MAX_GAP_MS, Math.max(0, now - this.last));
    this.last = now;
  }

  add(usd: number | null): void {
    this.requests++;
    if (usd === null) this.unknown++;
    else this.usd += usd;
  }

  /** Known cost so far (USD); `unknownRequests` had no price. */
  get totalUsd(): number {
    return this.usd;
  }

  get unknownRequests(): number {
    return this.unknown;
  }

  get typingMs(): number {
    return this.activeMs;
  }

  /** USD per hour of typing, or null before a minute of typing or without a known price. */
  perHour(): number | null {
    if (this.activeMs < 60_000 || this.requests === this.unknown) return null;
    return (this.usd / this.activeMs) * 3_600_000;
  }
}

/** Dollars for a notice: cents with two decimals, small amounts with two significant digits. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(2)}`;
}
