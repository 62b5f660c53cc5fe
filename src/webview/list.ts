// The message list: history renders newest first (what is on screen) in slices of a few ms per
// frame, older messages going in above; streaming answers re-render at most once per frame;
// finished messages are never rendered again. Scrolling: while the reader is at the bottom, any
// growth (a streamed line, a meta line, buttons appearing) keeps the true bottom in view; once
// they scroll up it stays put and "jump to latest" appears; a new question always scrolls down.
import type { ErrorView, MessageMeta, MessageView } from '../protocol';
import type { Countdowns } from './countdown';
import { MessageElement } from './message';

const SLICE_MS = 3;
/** Within this many px of the bottom counts as "at the bottom". */
const BOTTOM_PX = 8;
const STALL_CHECK_MS = 1000;

export class MessageList {
  private items: MessageElement[] = [];
  private readonly byId = new Map<string, MessageElement>();
  private queue: MessageView[] = [];
  private frame: number | null = null;
  private stick = true;
  private lastTop = 0;
  private stallTimer: ReturnType<typeof setInterval> | undefined;

  /**
   * @param scroller the scrolling element; @param root the element holding the messages;
   * @param jump the "jump to latest" button (shown while the reader is scrolled up).
   */
  constructor(
    private readonly scroller: HTMLElement,
    private readonly root: HTMLElement,
    private readonly jump: HTMLElement,
    private readonly countdowns: Countdowns,
  ) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    new ResizeObserver(() => this.onResize()).observe(root);
  }

  get length(): number {
    return this.items.length + this.queue.length;
  }

  /** Replaces everything (conversation switch / reload); renders over the next frames. */
  reset(messages: MessageView[]): void {
    this.root.replaceChildren();
    this.items = [];
    this.byId.clear();
    this.queue = messages.slice();
    this.setStick(true);
    // The first frame shows the newest messages at once; older ones go in above over the next frames.
    this.drainQueue(SLICE_MS);
    this.requestFrame();
    this.watchStalls();
  }

  add(view: MessageView): void {
    this.append(view);
    this.markLast();
    if (view.role === 'user') this.scrollToLatest();
    this.requestFrame();
    this.watchStalls();
  }

  delta(id: string, offset: number, text: string): void {
    this.byId.get(id)?.appendAt(offset, text);
    this.requestFrame();
  }

  retrying(id: string, retryAt: number, kind: string): void {
    this.byId.get(id)?.retrying(retryAt, kind);
  }

  finish(id: string, state: MessageView['state'], text: string, meta: MessageMeta | null, error: ErrorView | null): void {
    this.byId.get(id)?.finish(state, text, meta, error);
    this.keepBottom();
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

  /** Text of a question (for "Edit and resend" and recalling it with Up). */
  textOf(id: string): string | undefined {
    return this.byId.get(id)?.view.text ?? this.queue.find((m) => m.id === id)?.text;
  }

  /** The newest question's text, if any. */
  lastQuestion(): string | undefined {
    const all = [...this.queue, ...this.items.map((i) => i.view)];
    return all.reverse().find((m) => m.role === 'user')?.text;
  }

  /** Scrolls to the true bottom and follows new text again ("jump to latest", a new question). */
  scrollToLatest(): void {
    this.setStick(true);
    this.scrollToEnd();
  }

  private append(view: MessageView): void {
    const item = new MessageElement({ ...view }, this.countdowns);
    this.byId.set(view.id, item);
    this.items.push(item);
    this.root.append(item.root);
  }

  /** Renders queued history from the newest down, for about `budgetMs`. */
  private drainQueue(budgetMs: number): void {
    if (this.queue.length === 0) return;
    const start = performance.now();
    const fragment = document.createDocumentFragment();
    const added: MessageElement[] = [];
    do {
      const view = this.queue.pop()!;
      const item = new MessageElement({ ...view }, this.countdowns);
      this.byId.set(view.id, item);
      added.push(item);
    } while (this.queue.length > 0 && performance.now() - start < budgetMs);
    added.reverse();
    for (const item of added) fragment.append(item.root);
    this.root.prepend(fragment);
    this.items.unshift(...added);
    this.markLast();
  }

  private requestFrame(): void {
    this.frame ??= requestAnimationFrame(() => this.onFrame());
  }

  private onFrame(): void {
    this.frame = null;
    this.drainQueue(SLICE_MS);
    for (const item of this.items) if (item.streaming) item.renderFrame();
    this.keepBottom();
    if (this.queue.length) this.requestFrame();
  }

  /** One timer for the "working" indicator of streaming answers; stops when none streams. */
  private watchStalls(): void {
    if (this.stallTimer !== undefined || !this.items.some((i) => i.streaming)) return;
    this.stallTimer = setInterval(() => {
      const streaming = this.items.filter((i) => i.streaming);
      const now = performance.now();
      for (const item of streaming) item.checkStall(now);
      if (streaming.length === 0) {
        clearInterval(this.stallTimer);
        this.stallTimer = undefined;
      }
    }, STALL_CHECK_MS);
  }

  private onScroll(): void {
    const top = this.scroller.scrollTop;
    if (this.atBottom()) this.setStick(true);
    else if (top < this.lastTop) this.setStick(false); // the reader scrolled up
    this.lastTop = top;
  }

  private onResize(): void {
    this.keepBottom();
    this.jump.hidden = this.stick || this.atBottom();
  }

  private keepBottom(): void {
    if (this.stick) this.scrollToEnd();
  }

  private setStick(value: boolean): void {
    this.stick = value;
    this.jump.hidden = value;
  }

  private atBottom(): boolean {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight <= BOTTOM_PX;
  }

  private scrollToEnd(): void {
    const s = this.scroller;
    const end = s.scrollHeight - s.clientHeight;
    if (s.scrollTop < end) s.scrollTop = end;
    this.lastTop = s.scrollTop;
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
