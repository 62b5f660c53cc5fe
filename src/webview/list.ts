// The message list: history renders newest first (what is on screen) in slices of a few ms per
// frame, older messages going in above; streaming answers re-render at most once per frame;
// finished messages are never rendered again.
import type { ErrorView, MessageMeta, MessageView } from '../protocol';
import type { Countdowns } from './countdown';
import { MessageElement } from './message';

const SLICE_MS = 3;
const STICK_PX = 48;

export class MessageList {
  private items: MessageElement[] = [];
  private readonly byId = new Map<string, MessageElement>();
  private queue: MessageView[] = [];
  private frame: number | null = null;
  private stick = true;

  constructor(
    private readonly root: HTMLElement,
    private readonly countdowns: Countdowns,
  ) {}

  get length(): number {
    return this.items.length + this.queue.length;
  }

  /** Replaces everything (conversation switch / reload); renders over the next frames. */
  reset(messages: MessageView[]): void {
    this.root.replaceChildren();
    this.items = [];
    this.byId.clear();
    this.queue = messages.slice();
    this.stick = true;
    this.requestFrame();
  }

  add(view: MessageView): void {
    this.stick = this.stick || this.nearBottom();
    this.append(view, 'end');
    this.markLast();
    this.requestFrame();
  }

  delta(id: string, offset: number, text: string): void {
    this.byId.get(id)?.appendAt(offset, text);
    this.requestFrame();
  }

  retrying(id: string, retryAt: number, kind: string): void {
    this.byId.get(id)?.retrying(retryAt, kind);
  }

  finish(id: string, state: MessageView['state'], text: string, meta: MessageMeta | null, error: ErrorView | null): void {
    const item = this.byId.get(id);
    if (!item) return;
    const stick = this.nearBottom();
    item.finish(state, text, meta, error);
    if (stick) this.scrollToEnd();
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      this.byId.get(id)?.root.remove();
      this.byId.delete(id);
    }
    this.items = this.items.filter((i) => this.byId.has(i.id));
    this.queue = this.queue.filter((m) => !ids.includes(m.id));
    this.markLast();
  }

  /** Text of a question (for "Edit and resend"). */
  textOf(id: string): string | undefined {
    return this.byId.get(id)?.view.text;
  }

  private append(view: MessageView, where: 'start' | 'end'): void {
    const item = new MessageElement({ ...view }, this.countdowns);
    this.byId.set(view.id, item);
    if (where === 'end') {
      this.items.push(item);
      this.root.append(item.root);
    } else {
      this.items.unshift(item);
      this.root.prepend(item.root);
    }
  }

  /** Renders queued history from the newest down, for about `budgetMs`. */
  private drainQueue(budgetMs: number): void {
    if (this.queue.length === 0) return;
    const start = performance.now();
    do this.append(this.queue.pop()!, 'start');
    while (this.queue.length > 0 && performance.now() - start < budgetMs);
    this.markLast();
  }

  private requestFrame(): void {
    this.frame ??= requestAnimationFrame(() => this.onFrame());
  }

  private onFrame(): void {
    this.frame = null;
    const stick = this.stick || this.nearBottom();
    this.drainQueue(SLICE_MS);
    for (const item of this.items) if (item.streaming) item.renderFrame();
    if (stick) this.scrollToEnd();
    this.stick = this.queue.length > 0 && stick;
    if (this.queue.length) this.requestFrame();
  }

  private nearBottom(): boolean {
    const r = this.root;
    return r.scrollHeight - r.scrollTop - r.clientHeight < STICK_PX;
  }

  private scrollToEnd(): void {
    this.root.scrollTop = this.root.scrollHeight;
  }

  private markLast(): void {
    this.root.querySelectorAll(':scope > .last').forEach((n) => n.classList.remove('last'));
    const last = this.items.at(-1);
    if (!last) return;
    last.root.classList.add('last');
    const question = [...this.items].reverse().find((i) => i.view.role === 'user');
    question?.root.classList.add('last');
  }
}
