// One answer's Markdown while it streams: finished blocks are appended once, the tail
// re-renders at most once per frame; the final render highlights the last block.
import { BlockSplitter } from './blocks';
import { el } from './dom';
import { renderMarkdown } from './markdown';

/** Finished blocks in their own box: off-screen ones skip layout (content-visibility), so a long answer costs the same per token at its end as at its start. */
const chunk = (html: string) => `<div class="md-chunk">${html}</div>`;

export class LiveMarkdown {
  private splitter = new BlockSplitter();
  private readonly done: HTMLElement;
  private readonly live: HTMLElement;
  private dirty = false;

  constructor(container: HTMLElement, initial = '') {
    this.done = el('div', { class: 'md-done' });
    this.live = el('div', { class: 'md-live' });
    container.replaceChildren(this.done, this.live);
    if (initial) this.append(initial);
  }

  get length(): number {
    return this.splitter.text.length;
  }

  /** Text from offset `offset` of the answer; parts already here (a resend after reload) are skipped. */
  appendAt(offset: number, text: string): void {
    const skip = this.length - offset;
    if (skip >= text.length) return;
    this.append(skip > 0 ? text.slice(skip) : text);
  }

  append(text: string): void {
    if (!text) return;
    this.splitter.append(text);
    this.dirty = true;
  }

  /** Renders what changed since the last call; returns whether anything did. */
  render(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const finished = this.splitter.takeFinished();
    if (finished) this.done.insertAdjacentHTML('beforeend', chunk(renderMarkdown(finished)));
    const tail = this.splitter.tail;
    this.live.innerHTML = tail ? renderMarkdown(tail, { highlight: false }) : '';
    return true;
  }

  /** The answer ended with `finalText`: render the rest once, highlighted; nothing renders again. */
  finish(finalText: string): void {
    if (!finalText.startsWith(this.splitter.text)) {
      this.splitter = new BlockSplitter();
      this.done.replaceChildren();
      this.splitter.append(finalText);
    } else {
      this.append(finalText.slice(this.splitter.text.length));
    }
    const rest = this.splitter.takeAll();
    if (rest) this.done.insertAdjacentHTML('beforeend', chunk(renderMarkdown(rest)));
    this.live.remove();
    this.dirty = false;
  }
}
