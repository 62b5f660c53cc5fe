// Second-by-second countdowns ("retrying in 4 s"); one timer for all, stopped when none is left.
import { secondsUntil } from './format';

export class Countdowns {
  /** `shown`: the node has been in the document (a node not inserted yet is kept). */
  private readonly items = new Map<HTMLElement, { at: number; label: (s: number) => string; shown: boolean }>();
  private timer: ReturnType<typeof setInterval> | undefined;

  show(node: HTMLElement, at: number, label: (seconds: number) => string): void {
    this.items.set(node, { at, label, shown: false });
    this.tick();
    this.timer ??= setInterval(() => this.tick(), 1000);
  }

  clear(node: HTMLElement): void {
    this.items.delete(node);
    if (this.items.size === 0) this.stop();
  }

  private tick(): void {
    const now = Date.now();
    for (const [node, item] of this.items) {
      if (!node.isConnected && item.shown) {
        this.items.delete(node);
        continue;
      }
      item.shown ||= node.isConnected;
      node.textContent = item.label(secondsUntil(item.at, now));
    }
    if (this.items.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
