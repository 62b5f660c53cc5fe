// The latency tracker: keystroke-to-suggestion times, and how each suggestion was served.

export type Served = 'request' | 'reuse' | 'forward' | 'lru';

export class LatencyTracker {
  private readonly samples: number[] = [];
  readonly served: Record<Served, number> = { request: 0, reuse: 0, forward: 0, lru: 0 };

  constructor(private readonly max = 1000) {}

  record(ms: number, how: Served): void {
    this.samples.push(ms);
    if (this.samples.length > this.max) this.samples.shift();
    this.served[how]++;
  }

  /** The q-quantile (0..1) of the recorded times, or null when none. */
  quantile(q: number): number | null {
    if (!this.samples.length) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  get count(): number {
    return this.samples.length;
  }

  /** Share of suggestions shown without a request of their own. */
  withoutRequestShare(): number {
    const total = Object.values(this.served).reduce((a, b) => a + b, 0);
    return total ? (total - this.served.request) / total : 0;
  }
}
