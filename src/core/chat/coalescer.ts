// Coalesces streamed text into at most one post per interval: the first piece goes out at
// once (fast first token), later pieces wait for the interval to pass.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const DEFAULT_COALESCE_MS = 30;

export class DeltaCoalescer {
  private pending = '';
  private sent = 0;
  private cooldown: unknown = null;

  /** `post(text, offset)`: offset is the length already posted before `text`. */
  constructor(
    private readonly post: (text: string, offset: number) => void,
    private readonly intervalMs = DEFAULT_COALESCE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Total length pushed so far (posted and pending). */
  get length(): number {
    return this.sent + this.pending.length;
  }

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.cooldown === null) this.emit();
  }

  /** Posts whatever is pending now (before a final message) and ends the cooldown. */
  flush(): void {
    this.stopCooldown();
    if (!this.pending) return;
    const offset = this.sent;
    this.post(this.takePending(), offset);
  }

  dispose(): void {
    this.stopCooldown();
    this.pending = '';
  }

  private emit(): void {
    if (!this.pending) {
      this.cooldown = null;
      return;
    }
    const offset = this.sent;
    const text = this.takePending();
    this.cooldown = this.timers.set(() => this.emit(), this.intervalMs);
    this.post(text, offset);
  }

  private takePending(): string {
    const text = this.pending;
    this.pending = '';
    this.sent += text.length;
    return text;
  }

  private stopCooldown(): void {
    if (this.cooldown !== null) this.timers.clear(this.cooldown);
    this.cooldown = null;
  }
}
