// The DOM of one message: a role label, then the user's question (plain text + chips, long ones
// collapsed behind "Show more") or the answer (Markdown, working indicator, status, error box,
// meta line). Selectors used by tests: .message.user / .message.assistant, [data-state],
// .content, .meta, .error, .working.
import { ACTION_LABELS } from '../core/errorText';
import type { ErrorView, MessageMeta, MessageView } from '../protocol';
import type { Countdowns } from './countdown';
import { el, icon, iconButton } from './dom';
import { formatMeta, isLongQuestion } from './format';
import { LiveMarkdown } from './live';
import { renderMarkdown } from './markdown';

/** An answer silent for this long shows the working indicator again. */
export const STALL_MS = 3000;
const CACHE_LIMIT = 600;

/** HTML of finished answers by id: switching back to a conversation never re-parses its Markdown. */
const renderedCache = new Map<string, { text: string; html: string }>();

function finishedHtml(id: string, text: string): string {
  const hit = renderedCache.get(id);
  if (hit && hit.text === text) return hit.html;
  const html = renderMarkdown(text);
  renderedCache.set(id, { text, html });
  if (renderedCache.size > CACHE_LIMIT) renderedCache.delete(renderedCache.keys().next().value as string);
  return html;
}

const CHIP_ICONS: Partial<Record<string, string>> = { selection: 'selection', file: 'file', problems: 'warning', changes: 'git-compare', symbol: 'symbol-method' };
const ERROR_ICONS: Partial<Record<string, string>> = { setApiKey: 'key', chooseModel: 'symbol-misc', retry: 'refresh', trimAndRetry: 'fold', openOutput: 'output', proxySettings: 'settings-gear', chooseRelay: 'plug', tlsSettings: 'shield' };

export class MessageElement {
  readonly root: HTMLElement;
  readonly content: HTMLElement;
  private readonly status: HTMLElement;
  private working: HTMLElement | null = null;
  private live: LiveMarkdown | null = null;
  /** When the answer last received text (for the stall indicator). */
  private lastActivity = performance.now();

  constructor(
    readonly view: MessageView,
    private readonly countdowns: Countdowns,
  ) {
    this.content = el('div', { class: 'content' });
    this.status = el('div', { class: 'status', hidden: true });
    this.root = el('article', { class: `message ${view.role}`, 'data-id': view.id, 'data-state': view.state, 'aria-label': view.role === 'user' ? 'Your question' : 'Answer' });
    this.root.append(
      view.role === 'user'
        ? el('div', { class: 'role' }, icon('account'), el('span', {}, 'You'))
        : el('div', { class: 'role' }, icon('sparkle'), el('span', {}, 'Relay Assistant')),
    );
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
    this.lastActivity = performance.now();
    this.setWorking(false);
    this.hideStatus();
  }

  /** Renders pending text of a streaming answer; false when nothing changed. */
  renderFrame(): boolean {
    return this.live?.render() ?? false;
  }

  /** Shows "Working…" while no text has come for a while (first token, long stalls). */
  checkStall(now: number): void {
    if (!this.live || !this.status.hidden) return;
    if (this.live.length === 0 || now - this.lastActivity >= STALL_MS) this.setWorking(true);
  }

  retrying(retryAt: number, kind: string): void {
    const what = kind === 'rate_limit' ? 'Rate limited' : 'The relay did not answer';
    this.setWorking(false);
    this.status.hidden = false;
    this.countdowns.show(this.status, retryAt, (s) => `${what}; retrying in ${s} s…`);
  }

  finish(state: MessageView['state'], text: string, meta: MessageMeta | null, error: ErrorView | null): void {
    this.hideStatus();
    this.setWorking(false);
    if (this.live) this.live.finish(text);
    else if (text !== this.view.text) this.content.innerHTML = finishedHtml(this.view.id, text);
    this.live = null;
    Object.assign(this.view, { state, text, meta, error });
    this.root.dataset.state = state;
    this.root.querySelectorAll(':scope > .meta, :scope > .error').forEach((n) => n.remove());
    this.finishStatic();
  }

  private buildQuestion(): void {
    this.content.textContent = this.view.text;
    const chips = this.view.chips.map((c) => el('span', { class: `chip ${c.kind}`, title: c.label }, icon(CHIP_ICONS[c.kind] ?? 'file'), c.label));
    if (chips.length) this.root.append(el('div', { class: 'chips' }, ...chips));
    this.root.append(this.content);
    if (isLongQuestion(this.view.text)) {
      this.content.classList.add('collapsed');
      const more = el('button', { type: 'button', class: 'show-more', 'data-message-action': 'toggle', 'aria-expanded': 'false' }, 'Show more');
      this.root.append(more);
    }
    this.root.append(el('div', { class: 'message-actions' }, iconButton('edit', 'Edit and resend', { class: 'icon-button edit', 'data-message-action': 'edit' })));
  }

  private buildAnswer(): void {
    this.root.append(this.content, this.status);
    if (this.view.state === 'streaming') {
      this.live = new LiveMarkdown(this.content, this.view.text);
      this.live.render();
      if (!this.view.text) this.setWorking(true);
    } else {
      this.content.innerHTML = finishedHtml(this.view.id, this.view.text);
    }
    this.root.append(el('div', { class: 'message-actions' }, iconButton('refresh', 'Regenerate this answer', { class: 'icon-button regenerate', 'data-message-action': 'regenerate' })));
    if (this.view.state !== 'streaming') this.finishStatic();
  }

  private setWorking(show: boolean): void {
    if (show === !!this.working) return;
    if (!show) {
      this.working?.remove();
      this.working = null;
      return;
    }
    const words = this.live && this.live.length > 0 ? 'Still working…' : 'Working…';
    this.working = el('div', { class: 'working', role: 'status' }, icon('loading', 'codicon-modifier-spin'), el('span', {}, words));
    this.content.after(this.working);
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
    const box = el('div', { class: 'error', role: 'alert', 'data-kind': error.kind }, el('p', { class: 'error-text' }, icon('error'), el('span', {}, error.message)));
    if (error.detail) box.append(el('p', { class: 'error-detail' }, error.detail));
    if (error.retryAt) {
      const countdown = el('p', { class: 'error-countdown' });
      box.append(countdown);
      this.countdowns.show(countdown, error.retryAt, (s) => (s > 0 ? `Retrying automatically in ${s} s…` : 'Retrying…'));
    }
    const buttons = error.actions.map((a) => el('button', { type: 'button', 'data-error-action': a, 'aria-label': ACTION_LABELS[a] }, icon(ERROR_ICONS[a] ?? 'arrow-right'), ACTION_LABELS[a]));
    if (buttons.length) box.append(el('div', { class: 'error-actions' }, ...buttons));
    return box;
  }

  private hideStatus(): void {
    if (this.status.hidden) return;
    this.status.hidden = true;
    this.countdowns.clear(this.status);
  }
}
