// What the model receives: the chat system prompt and a question with its context chips.
import type { ChatMessage } from '../relay/types';
import type { ChipView, ContextChip } from '../../protocol';
import { estimateTokens } from '../relay/models';

export const CHAT_SYSTEM_PROMPT =
  'You are Relay Assistant, a coding assistant inside VS Code. Answer concisely in Markdown. ' +
  'Put code in fenced blocks with a language tag. When the user shares files or selections, refer to them by path.';

export function systemMessage(extra: string): ChatMessage {
  const more = extra.trim();
  return { role: 'system', content: more ? `${CHAT_SYSTEM_PROMPT}\n\n${more}` : CHAT_SYSTEM_PROMPT };
}

function fenceFor(text: string): string {
  let fence = '```';
  while (text.includes(fence)) fence += '`';
  return fence;
}

function lines(chip: ContextChip): string {
  return chip.startLine !== undefined ? `:${chip.startLine}-${chip.endLine ?? chip.startLine}` : '';
}

function chipLabel(chip: ContextChip): string {
  switch (chip.kind) {
    case 'selection':
      return `${chip.path}${lines(chip)}`;
    case 'symbol':
      return `${chip.title ?? 'symbol'} (${chip.path}${lines(chip)})`;
    case 'problems':
    case 'changes':
      return chip.title ?? chip.path;
    default:
      return chip.path;
  }
}

const HEADINGS: Record<ContextChip['kind'], string> = {
  selection: 'Selection from',
  file: 'File',
  problems: 'Diagnostics:',
  changes: 'Uncommitted changes (git diff):',
  symbol: 'Symbol',
};

/** The question followed by each chip as a fenced block named by what it is. */
export function questionContent(question: string, chips: ContextChip[]): string {
  if (chips.length === 0) return question;
  const blocks = chips.map((c) => {
    const fence = fenceFor(c.text);
    const cut = c.totalChars !== undefined ? ` (truncated: the first ${c.text.length} of ${c.totalChars} characters)` : '';
    const head = c.kind === 'problems' || c.kind === 'changes' ? `${HEADINGS[c.kind]} ${chipLabel(c)}` : `${HEADINGS[c.kind]} ${chipLabel(c)} (${c.language})`;
    return `${head}${cut}:\n${fence}${c.language}\n${c.text}\n${fence}`;
  });
  return `${question}\n\n${blocks.join('\n\n')}`;
}

const int = (n: number) => n.toLocaleString('en-US');

/** "42 lines · ~380 tokens", or "truncated to 100,000 of 250,000 characters · ~25,000 tokens". */
export function chipDetail(chip: ContextChip): string {
  const tokens = `~${int(estimateTokens(chip.text))} tokens`;
  if (chip.totalChars !== undefined) return `truncated to ${int(chip.text.length)} of ${int(chip.totalChars)} characters · ${tokens}`;
  const count = chip.text === '' ? 0 : chip.text.split('\n').length;
  return `${int(count)} line${count === 1 ? '' : 's'} · ${tokens}`;
}

export function chipView(chip: ContextChip): ChipView {
  return { id: chip.id, kind: chip.kind, label: chipLabel(chip), language: chip.language, detail: chipDetail(chip), tokens: estimateTokens(chip.text), truncated: chip.totalChars !== undefined };
}

/** Models for the picker: configured ones first (setting, fallbacks, overrides), then the relay's list. */
export function mergeModels(remote: string[], configured: { model: string; fallbackModels: string[]; models: Record<string, unknown> }, extra: string[] = []): string[] {
  const all = [configured.model, ...extra, ...configured.fallbackModels, ...Object.keys(configured.models), ...[...remote].sort()];
  return [...new Set(all.map((m) => m.trim()).filter((m) => m !== ''))];
}
