// The conversation history as a searchable list (newest first) with open, rename and delete
// per row. Selectors used by tests: #history-panel, #history-search, .history-item[data-id].
import type { ConversationSummary } from '../protocol';
import type { Chrome } from './chrome';
import { el, iconButton } from './dom';
import { relativeTime } from './format';

export interface HistoryActions {
  open(id: string): void;
  rename(id: string): void;
  remove(id: string): void;
}

export class HistoryPanel {
  private items: ConversationSummary[] = [];
  private currentId = '';

  constructor(
    private readonly ui: Chrome,
    private readonly actions: HistoryActions,
  ) {
    ui.historyToggle.addEventListener('click', () => this.toggle());
    ui.historySearch.addEventListener('input', () => this.render());
    ui.historyPanel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      this.toggle(false);
      ui.historyToggle.focus();
    });
    ui.historyList.addEventListener('click', (e) => this.onClick(e));
  }

  get open(): boolean {
    return !this.ui.historyPanel.hidden;
  }

  set(items: ConversationSummary[], currentId: string): void {
    this.items = items.slice().sort((a, b) => b.updatedAt - a.updatedAt);
    this.currentId = currentId;
    const current = items.find((c) => c.id === currentId);
    this.ui.title.textContent = current?.title || 'New chat';
    this.ui.title.title = this.ui.title.textContent;
    if (this.open) this.render();
  }

  toggle(show = !this.open): void {
    this.ui.historyPanel.hidden = !show;
    this.ui.historyToggle.setAttribute('aria-expanded', String(show));
    this.ui.historyToggle.classList.toggle('active', show);
    if (!show) return;
    this.ui.historySearch.value = '';
    this.render();
    this.ui.historySearch.focus();
  }

  private render(): void {
    const query = this.ui.historySearch.value.trim().toLowerCase();
    const shown = query ? this.items.filter((c) => c.title.toLowerCase().includes(query)) : this.items;
    const now = Date.now();
    const rows = shown.map((c) =>
      el(
        'li',
        { class: `history-item${c.id === this.currentId ? ' current' : ''}`, 'data-id': c.id },
        el(
          'button',
          { type: 'button', class: 'history-open', 'data-history': 'open', 'aria-label': `Open ${c.title}`, 'aria-current': c.id === this.currentId ? 'true' : false },
          el('span', { class: 'history-title' }, c.title),
          el('span', { class: 'history-time' }, relativeTime(c.updatedAt, now)),
        ),
        iconButton('edit', `Rename ${c.title}`, { 'data-history': 'rename' }),
        iconButton('trash', `Delete ${c.title}`, { 'data-history': 'delete' }),
      ),
    );
    if (!rows.length) rows.push(el('li', { class: 'history-empty' }, query ? 'No conversation matches.' : 'No conversations yet.'));
    this.ui.historyList.replaceChildren(...rows);
  }

  private onClick(e: MouseEvent): void {
    const button = (e.target as HTMLElement).closest<HTMLElement>('[data-history]');
    const id = button?.closest<HTMLElement>('.history-item')?.dataset.id;
    if (!button || !id) return;
    const action = button.dataset.history;
    if (action === 'open') {
      this.toggle(false);
      this.actions.open(id);
    } else if (action === 'rename') this.actions.rename(id);
    else if (action === 'delete') this.actions.remove(id);
  }
}
