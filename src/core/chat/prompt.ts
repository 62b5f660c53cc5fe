// What the model receives: the chat system prompt and a question with its context chips.
import type { ChatMessage } from '../relay/types';
import type { ChipView, ContextChip } from '../../protocol';

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

function chipLabel(chip: ContextChip): string {
  return chip.kind === 'selection' && chip.startLine !== undefined
    ? `${chip.path}:${chip.startLine}-${chip.endLine ?? chip.startLine}`
    : chip.path;
}

/** The question followed by each chip as a fenced block named by path (and lines). */
export function questionContent(question: string, chips: ContextChip[]): string {
  if (chips.length === 0) return question;
  const blocks = chips.map((c) => {
    const fence = fenceFor(c.text);
    const what = c.kind === 'selection' ? 'Selection from' : 'File';
    return `${what} ${chipLabel(c)} (${c.language}):\n${fence}${c.language}\n${c.text}\n${fence}`;
  });
  return `${question}\n\n${blocks.join('\n\n')}`;
}

export function chipView(chip: ContextChip): ChipView {
  return { id: chip.id, kind: chip.kind, label: chipLabel(chip), language: chip.language };
}

/** Models for the picker: configured ones first (setting, fallbacks, overrides), then the relay's list. */
export function mergeModels(remote: string[], configured: { model: string; fallbackModels: string[]; models: Record<string, unknown> }, extra: string[] = []): string[] {
  const all = [configured.model, ...extra, ...configured.fallbackModels, ...Object.keys(configured.models), ...[...remote].sort()];
  return [...new Set(all.map((m) => m.trim()).filter((m) => m !== ''))];
}
