// The request in flight: a new keystroke reuses it when the text typed since it was sent is the start
// of what it produces (its stream goes on); otherwise it is aborted, which closes its socket.
import { typedSince } from './cache';

export class InFlight {
  /** Raw text streamed so far. */
  raw = '';
  readonly controller = new AbortController();
  settled = false;

  constructor(
    readonly prefix: string,
    readonly suffix: string,
    /** The post-processed answer at the position it was sent for (null: nothing to show). */
    public result: Promise<string | null> = Promise.resolve(null),
  ) {}

  /** What the user typed since this request was sent, when the position only moved forward by typing. */
  typedSince(prefix: string, suffix: string): string | undefined {
    if (suffix !== this.suffix) return undefined;
    return typedSince(this.prefix, prefix);
  }

  /** Could the answer still start with `typed`? (What streamed so far agrees with it.) */
  mayStartWith(typed: string): boolean {
    const raw = this.raw.replace(/^[ \t]*/, (m) => (typed.startsWith(m) ? m : ''));
    return raw.length >= typed.length ? raw.startsWith(typed) : typed.startsWith(raw);
  }

  abort(): void {
    if (!this.settled) this.controller.abort();
  }
}
