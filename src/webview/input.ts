// The composer's context: the `#` completion popup of the prompt box, the pending chips (what
// and how much will be sent), the instruction-file chips ("Using AGENTS.md", switchable), the
// estimate of the next question's input, and the notices the host sends (a refused send, a
// chip that could not be made). Speaks to the host only through protocol messages.
import './context.css';
import type { ChipView, ContextItem, HostToWebview, InstructionView, PromptEstimate, WebviewToHost } from '../protocol';
import { completionFor, dropMention, insertMention, startSearch, tokenAt, type Completion, type ContextOption, type HashToken } from './context';
import { el } from './dom';
import { formatCost, formatInt } from './format';

interface Row {
  label: string;
  detail: string;
  choose(): void;
}

const int = formatInt; // not toLocaleString: its first call costs ~20 ms (locale data) in the view's first frame

export class ContextInput {
  private readonly popup: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly estimateLine: HTMLElement;
  private readonly instructionChips: HTMLElement;
  private rows: Row[] = [];
  private active = 0;
  private token: HashToken | null = null;
  /** The mention whose chip the host is making: taken out of the box again if it cannot be made. */
  private pendingMention: string | null = null;
  private requestId = 0;
  private chips: ChipView[] = [];
  private instructions: InstructionView[] = [];
  /** The notice says an answer is still coming (cleared when that answer ends). */
  private refusal = false;

  constructor(
    private readonly prompt: HTMLTextAreaElement,
    private readonly chipsBox: HTMLElement,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.popup = el('div', { id: 'context-popup', class: 'context-popup', role: 'listbox', 'aria-label': 'Context to attach', hidden: true });
    this.notice = el('div', { id: 'context-notice', class: 'context-notice', role: 'status', 'aria-live': 'polite', hidden: true });
    this.estimateLine = el('div', { id: 'context-estimate', class: 'context-estimate', hidden: true });
    this.instructionChips = el('div', { id: 'instruction-chips', class: 'chips instructions', 'aria-label': 'Instruction files' });
    chipsBox.before(this.instructionChips);
    chipsBox.after(this.notice, this.estimateLine);
    prompt.before(this.popup);
    prompt.setAttribute('aria-autocomplete', 'list');
    prompt.setAttribute('aria-controls', this.popup.id);
    prompt.addEventListener('input', () => this.update());
    prompt.addEventListener('blur', () => queueMicrotask(() => document.activeElement !== prompt && this.close()));
    this.popup.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
    this.popup.addEventListener('click', (e) => {
      const i = Number((e.target as HTMLElement).closest<HTMLElement>('[data-row]')?.dataset.row);
      if (Number.isInteger(i)) this.rows[i]?.choose();
    });
    chipsBox.addEventListener('click', (e) => {
      const id = (e.target as HTMLElement).closest<HTMLElement>('[data-chip]')?.dataset.chip;
      if (id) this.post({ type: 'removeChip', id });
    });
    this.instructionChips.addEventListener('click', (e) => {
      const path = (e.target as HTMLElement).closest<HTMLElement>('[data-instruction]')?.dataset.instruction;
      const file = this.instructions.find((f) => f.path === path);
      if (file) this.post({ type: 'setInstructions', path: file.path, enabled: !file.enabled });
    });
  }

  get open(): boolean {
    return !this.popup.hidden;
  }

  /** Keys of the prompt box while the popup is open; true when the key was used here. */
  handleKeydown(e: KeyboardEvent): boolean {
    if (!this.open || e.isComposing) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.highlight(this.active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      this.rows[this.active]?.choose();
    } else if (e.key === 'Escape') {
      this.close();
    } else {
      return false;
    }
    e.preventDefault();
    e.stopPropagation();
    return true;
  }

  /** Enter while an answer streams: the question stays in the box and the view says why. */
  refuse(reason: string): void {
    this.say(reason);
    this.refusal = true;
  }

  /** Handles the messages of this module; `state` is read but left to the caller as well (false). */
  onHostMessage(m: HostToWebview): boolean {
    switch (m.type) {
      case 'state':
        this.showChips(m.state.chips);
        this.showInstructions(m.state.instructions ?? []);
        this.showEstimate(m.state.estimate ?? null);
        if (this.refusal && !m.state.busy) this.say('');
        return false;
      case 'chips':
        this.pendingMention = null;
        this.showChips(m.chips);
        this.say('');
        return true;
      case 'instructions':
        this.showInstructions(m.files);
        return true;
      case 'estimate':
        this.showEstimate(m.estimate);
        return true;
      case 'contextResults':
        if (m.requestId === this.requestId && this.token) this.showRows(m.items.map((item) => this.itemRow(item, m.kind)), `No ${m.kind === 'file' ? 'file' : 'symbol'} matches.`);
        return true;
      case 'contextError':
        if (this.pendingMention) this.prompt.value = dropMention(this.prompt.value, this.pendingMention);
        this.pendingMention = null;
        this.say(m.message);
        return true;
      case 'sendRefused':
        if (!this.prompt.value.trim()) this.prompt.value = m.text;
        this.refuse(m.reason);
        this.prompt.focus();
        return true;
      case 'busy':
      case 'messageFinished':
        // The answer the notice was about ended (Stop, done, error): it no longer applies.
        if (this.refusal && (m.type === 'messageFinished' || !m.busy)) this.say('');
        return false;
      default:
        return false;
    }
  }

  private update(): void {
    const token = tokenAt(this.prompt.value, this.prompt.selectionStart ?? this.prompt.value.length);
    const completion = token && completionFor(token);
    this.token = completion ? token : null;
    if (!completion) return this.close();
    this.show(completion);
  }

  private show(c: Completion): void {
    if (c.stage === 'kinds') return this.showRows(c.options.map((o) => this.optionRow(o)), '');
    this.requestId++;
    this.post({ type: 'contextQuery', requestId: this.requestId, kind: c.kind, query: c.query });
    if (this.popup.hidden) this.showRows([], 'Searching…');
  }

  private optionRow(o: ContextOption): Row {
    return {
      label: `#${o.name}`,
      detail: o.description,
      choose: () => {
        if (!this.token) return;
        if (o.search) {
          this.replace(startSearch(this.prompt.value, this.token, o.search));
          this.update();
        } else {
          this.consume(o.name);
          this.post({ type: 'addContext', kind: o.kind, ...(o.scope ? { scope: o.scope } : {}) });
        }
      },
    };
  }

  private itemRow(item: ContextItem, kind: 'file' | 'symbol'): Row {
    return {
      label: item.label,
      detail: item.detail,
      choose: () => {
        this.consume(`${kind}:${item.label}`);
        this.post({ type: 'addContext', kind, pick: item.id });
      },
    };
  }

  private showRows(rows: Row[], empty: string): void {
    this.rows = rows;
    this.popup.replaceChildren(
      ...(rows.length
        ? rows.map((r, i) => el('div', { id: `context-option-${i}`, class: 'context-option', role: 'option', 'data-row': String(i), 'aria-selected': 'false' }, el('span', { class: 'context-label' }, r.label), el('span', { class: 'context-detail' }, r.detail)))
        : [el('div', { class: 'context-empty' }, empty)]),
    );
    this.popup.hidden = false;
    this.prompt.setAttribute('aria-expanded', 'true');
    this.highlight(0);
  }

  private highlight(i: number): void {
    if (!this.rows.length) return this.prompt.removeAttribute('aria-activedescendant');
    this.active = (i + this.rows.length) % this.rows.length;
    this.popup.querySelectorAll('[role="option"]').forEach((node, n) => node.setAttribute('aria-selected', String(n === this.active)));
    this.prompt.setAttribute('aria-activedescendant', `context-option-${this.active}`);
    this.popup.querySelector(`#context-option-${this.active}`)?.scrollIntoView?.({ block: 'nearest' });
  }

  private close(): void {
    this.popup.hidden = true;
    this.rows = [];
    this.token = null;
    this.prompt.setAttribute('aria-expanded', 'false');
    this.prompt.removeAttribute('aria-activedescendant');
  }

  /** Turns the `#…` token into the finished mention (the chip carries its content) and closes the popup. */
  private consume(mention: string): void {
    if (this.token) this.replace(insertMention(this.prompt.value, this.token, mention));
    this.pendingMention = mention;
    this.close();
  }

  private replace(next: { value: string; caret: number }): void {
    this.prompt.value = next.value;
    this.prompt.setSelectionRange(next.caret, next.caret);
    this.prompt.focus();
  }

  private say(text: string): void {
    this.refusal = false;
    this.notice.textContent = text;
    this.notice.hidden = !text;
  }

  private showChips(chips: ChipView[]): void {
    this.chips = chips;
    this.chipsBox.replaceChildren(
      ...chips.map((c) =>
        el(
          'span',
          { class: `chip ${c.kind}${c.truncated ? ' truncated' : ''}`, title: `${c.label}${c.detail ? ` — ${c.detail}` : ''}` },
          el('span', { class: 'chip-label' }, c.label),
          c.detail ? el('span', { class: 'chip-detail' }, c.detail) : null,
          el('button', { type: 'button', class: 'chip-remove', 'data-chip': c.id, 'aria-label': `Remove ${c.label}`, title: 'Remove' }, '×'),
        ),
      ),
    );
  }

  private showInstructions(files: InstructionView[]): void {
    this.instructions = files;
    this.instructionChips.replaceChildren(
      ...files.map((f) => {
        const name = f.path.split('/').pop() ?? f.path;
        const what = `${f.path}: ~${int(f.tokens)} tokens${f.truncated ? ', truncated' : ''}, added to the system prompt`;
        return el(
          'button',
          { type: 'button', class: `chip instruction${f.enabled ? '' : ' off'}`, 'data-instruction': f.path, 'aria-pressed': String(f.enabled), title: `${what}. Click to ${f.enabled ? 'stop using it' : 'use it'}.` },
          f.enabled ? `Using ${name}` : `Not using ${name}`,
        );
      }),
    );
  }

  private showEstimate(e: PromptEstimate | null): void {
    this.estimateLine.hidden = !e;
    if (!e) return;
    const chipTokens = this.chips.reduce((sum, c) => sum + (c.tokens ?? 0), 0);
    const parts = [`Next question: ~${int(e.tokens)} tokens in before your text`];
    if (chipTokens) parts.push(`~${int(chipTokens)} from context`);
    parts.push(formatCost(e.costUsd, true));
    this.estimateLine.textContent = parts.join(' · ');
    this.estimateLine.title = `Estimated input for ${e.model}: system prompt, instruction files, history and context chips`;
  }
}
