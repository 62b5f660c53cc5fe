// The DOM of one message: user question (plain text + chips) or answer (Markdown, status,
// error box, meta line). Selectors used by tests: .message.user / .message.assistant,
// [data-state], .content, .meta, .error.
import { ACTION_LABELS } from '../core/errorText';
import type { ErrorView, MessageMeta, MessageView } from '../protocol';
import type { Countdowns } from './countdown';
import { el } from './dom';
import { formatMeta } from './format';
import { LiveMarkdown } from './live';
import { renderMarkdown } from './markdown';

export class MessageElement {
  readonly root: HTMLElement;
  readonly content: HTMLElement;
  private readonly status: HTMLElement;
  private live: LiveMarkdown | null = null;

  constructor(
    readonly view: MessageView,
    private readonly countdowns: Countdowns,
  ) {
    this.content = el('div', { class: 'content' });
    this.status = el('div', { class: 'status', hidden: true });
    this.root = el('div', { class: `message ${view.role}`, 'data-id': view.id, 'data-state': view.state });
    if (view.role === 'user') this.buildQuestion();
    else this.buildAnswer();
  }

  get id(): string {
    return this.view.id;
  }

  get streaming(): boolean {
    return this.live !== null;
  }

  /** Appends streamed text (rendered on the next frame). */
  appendAt(offset: number, text: string): void {
    this.live?.appendAt(offset, text);
    this.hideStatus();
  }

  /** Renders pending text of a streaming answer; false when nothing changed. */
  renderFrame(): boolean {
    return this.live?.render() ?? false;
  }

  retrying(retryAt: number, kind: string): void {
    const what = kind === 'rate_limit' ? 'Rate limited' : 'The relay did not answer';
    this.status.hidden = false;
    this.countdowns.show(this.status, retryAt, (s) => `${what}; retrying in ${s} s…`);
  }

  finish(state: MessageView['state'], text: string, meta: MessageMeta | null, error: ErrorView | null): void {
    this.hideStatus();
    if (this.live) this.live.finish(text);
    else if (text !== this.view.text) this.content.innerHTML = renderMarkdown(text);
    this.live = null;
    Object.assign(this.view, { state, text, meta, error });
    this.root.dataset.state = state;
    this.root.querySelectorAll(':scope > .meta, :scope > .error').forEach((n) => n.remove());
    this.finishStatic();
  }

  private buildQuestion(): void {
    this.content.textContent = this.view.text;
    const chips = this.view.chips.map((c) => el('span', { class: `chip ${c.kind}`, title: c.label }, c.label));
    if (chips.length) this.root.append(el('div', { class: 'chips' }, ...chips));
    this.root.append(this.content, el('div', { class: 'message-actions' }, el('button', { type: 'button', class: 'edit', 'data-message-action': 'edit', title: 'Edit and resend' }, 'Edit')));
  }

  private buildAnswer(): void {
    this.root.append(this.content, this.status);
    if (this.view.state === 'streaming') {
      this.live = new LiveMarkdown(this.content, this.view.text);
      this.live.render();
    } else {
      this.content.innerHTML = renderMarkdown(this.view.text);
    }
    this.root.append(el('div', { class: 'message-actions' }, el('button', { type: 'button', class: 'regenerate', 'data-message-action': 'regenerate', title: 'Regenerate this answer' }, 'Regenerate')));
    if (this.view.state !== 'streaming') this.finishStatic();
  }

  private finishStatic(): void {
    const { error, meta, state } = this.view;
    if (error) this.root.insertBefore(this.errorBox(error), this.actionsBar());
    if (meta || state === 'stopped') this.root.insertBefore(this.metaLine(state, meta), this.actionsBar());
  }

  private actionsBar(): HTMLElement {
    return this.root.querySelector('.message-actions') as HTMLElement;
  }

  private metaLine(state: MessageView['state'], meta: MessageMeta | null): HTMLElement {
    const parts = [state === 'stopped' ? 'Stopped' : '', meta ? formatMeta(meta) : ''].filter(Boolean);
    return el('div', { class: 'meta' }, parts.join(' · '));
  }

  private errorBox(error: ErrorView): HTMLElement {
    const box = el('div', { class: 'error', role: 'alert', 'data-kind': error.kind }, el('p', { class: 'error-text' }, error.message));
    if (error.detail) box.append(el('p', { class: 'error-detail' }, error.detail));
    if (error.retryAt) {
      const countdown = el('p', { class: 'error-countdown' });
      box.append(countdown);
      this.countdowns.show(countdown, error.retryAt, (s) => (s > 0 ? `Retrying automatically in ${s} s…` : 'Retrying…'));
    }
    const buttons = error.actions.map((a) => el('button', { type: 'button', 'data-error-action': a }, ACTION_LABELS[a]));
    if (buttons.length) box.append(el('div', { class: 'error-actions' }, ...buttons));
    return box;
  }

  private hideStatus(): void {
    if (this.status.hidden) return;
    this.status.hidden = true;
    this.countdowns.clear(this.status);
  }
}
