// The `#` completion of the chat input, as pure functions (unit-tested in Node): which token
// the caret is in, which context kinds it offers, and the input text once a pick is made.
import type { ContextKind } from '../protocol';

export interface ContextOption {
  /** What is typed after `#`. */
  name: string;
  kind: ContextKind;
  scope?: 'file' | 'workspace';
  description: string;
  /** true: the pick asks for a search (#file:, #symbol:) before a chip is made. */
  search?: 'file' | 'symbol';
}

export const CONTEXT_OPTIONS: readonly ContextOption[] = [
  { name: 'file', kind: 'file', search: 'file', description: 'A file of the workspace (open editors first)' },
  { name: 'selection', kind: 'selection', description: 'The code selected in the editor' },
  { name: 'problems', kind: 'problems', scope: 'file', description: 'Errors and warnings of the current file' },
  { name: 'problems:workspace', kind: 'problems', scope: 'workspace', description: 'Errors and warnings of the whole workspace' },
  { name: 'changes', kind: 'changes', description: 'The git diff of the working tree' },
  { name: 'symbol', kind: 'symbol', search: 'symbol', description: 'A function, class or type of the workspace' },
];

/** The `#…` token that ends at the caret: where it starts, and what follows `#`. */
export interface HashToken {
  start: number;
  end: number;
  /** Text after `#`: "fi", "file:src/ma". */
  text: string;
}

export function tokenAt(value: string, caret: number): HashToken | null {
  const before = value.slice(0, caret);
  const m = /(^|\s)#([^\s#]*)$/.exec(before);
  if (!m) return null;
  const start = before.length - m[2].length - 1;
  return { start, end: caret, text: m[2] };
}

export type Completion =
  | { stage: 'kinds'; options: ContextOption[] }
  | { stage: 'search'; kind: 'file' | 'symbol'; query: string };

/** What the popup offers for a token: matching kinds, or a search once `#file:` / `#symbol:` is typed. */
export function completionFor(token: HashToken): Completion | null {
  const search = /^(file|symbol):(.*)$/.exec(token.text);
  if (search) return { stage: 'search', kind: search[1] as 'file' | 'symbol', query: search[2] };
  const typed = token.text.toLowerCase();
  const options = CONTEXT_OPTIONS.filter((o) => o.name.startsWith(typed));
  return options.length ? { stage: 'kinds', options } : null;
}

/**
 * The input with the token replaced by the finished mention (`#selection`, `#file:app.ts`): the
 * question keeps saying what it refers to while the chip carries the content. The caret goes after
 * it, past one space (which also closes the popup).
 */
export function insertMention(value: string, token: HashToken, mention: string): { value: string; caret: number } {
  const after = value.slice(token.end);
  const text = `#${mention.replace(/\s+/g, '_')}${/^\s/.test(after) ? '' : ' '}`;
  const caret = token.start + text.length + (/^\s/.test(after) ? 1 : 0);
  return { value: value.slice(0, token.start) + text + after, caret };
}

/** The input with the token replaced by `#name:` (a search starts). */
export function startSearch(value: string, token: HashToken, name: 'file' | 'symbol'): { value: string; caret: number } {
  const text = `#${name}:`;
  return { value: value.slice(0, token.start) + text + value.slice(token.end), caret: token.start + text.length };
}

/** The input without a mention whose chip could not be made (no selection, not a git repository…). */
export function dropMention(value: string, mention: string): string {
  const text = `#${mention.replace(/\s+/g, '_')}`;
  const at = value.indexOf(text);
  if (at < 0) return value;
  return value.slice(0, at) + value.slice(at + text.length).replace(/^ /, '');
}
