// The debouncer adapts to the typing rhythm: it waits a little longer than the user's usual gap
// between keystrokes (so a request goes out when they pause, not between two keys), within 75-350 ms.

export const MIN_DEBOUNCE_MS = 75;
export const MAX_DEBOUNCE_MS = 350;
const HISTORY = 10;
/** Gaps longer than this are pauses, not rhythm. */
const PAUSE_MS = 1000;
/** Shorter gaps are the editor asking twice for one keystroke, not the user. */
const SAME_KEYSTROKE_MS = 15;

export class Debouncer {
  private readonly gaps: number[] = [];
  private last: number | null = null;

  /** fixedMs > 0: always that delay (the setting); 0: adaptive. */
  constructor(private readonly fixedMs = 0) {}

  /** Records a keystroke at time `now` (ms). */
  keystroke(now: number): void {
    if (this.last !== null) {
      const gap = now - this.last;
      if (gap >= SAME_KEYSTROKE_MS && gap < PAUSE_MS) {
        this.gaps.push(gap);
        if (this.gaps.length > HISTORY) this.gaps.shift();
      }
    }
    if (this.last === null || now - this.last >= SAME_KEYSTROKE_MS) this.last = now;
  }

  /** The delay before a request: 1.5 times the median gap, clamped; the middle of the range until the rhythm is known. */
  delayMs(): number {
    if (this.fixedMs > 0) return this.fixedMs;
    if (this.gaps.length < 3) return 150;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return Math.round(Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, median * 1.5)));
  }

  /** Waits the delay; resolves false when the signal aborts first (a newer keystroke). */
  wait(signal: AbortSignal | undefined, ms = this.delayMs()): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
