// Post-processing of a raw completion, one rule per function (each unit-tested): stop tokens, code
// fences, an echoed prefix, repeating the suffix or the next lines, the end of the block by
// indentation, repeating lines; empty and whitespace-only results are dropped.
import { indentOf, positionOf } from './shape';

export interface PostInput {
  prefix: string;
  suffix: string;
  /** false: the first line only. */
  multiline: boolean;
  stop?: readonly string[];
}

/** Cut at the first stop token. */
export function cutAtStop(text: string, stop: readonly string[] = []): string {
  let end = text.length;
  for (const s of stop) {
    const i = s ? text.indexOf(s) : -1;
    if (i !== -1 && i < end) end = i;
  }
  return text.slice(0, end);
}

/** A chat model's answer in a code fence: the fence's content. */
export function stripFences(text: string): string {
  const m = /^\s*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:\n\1\s*(?:\n[\s\S]*)?)?$/.exec(text);
  return m ? m[2] : text;
}

/** The model repeated the current line's text before the cursor (or the last lines): drop it. */
export function stripEchoedPrefix(text: string, prefix: string): string {
  const { linePrefix } = positionOf(prefix, '');
  const trimmed = linePrefix.trimStart();
  // The cursor after indentation and an answer that indents again: the indentation is echoed.
  if (!trimmed && linePrefix && text.startsWith(linePrefix)) return text.slice(linePrefix.length);
  if (trimmed.length >= 2) {
    const t = text.trimStart();
    if (t.startsWith(trimmed)) return t.slice(trimmed.length);
  }
  return text;
}

/** Cut where the text starts repeating what follows the cursor: the rest of the line, or the next non-empty line. */
export function cutAtSuffix(text: string, suffix: string): string {
  const { lineSuffix } = positionOf('', suffix);
  let out = text;
  const rest = lineSuffix.trim();
  const firstNl = out.indexOf('\n');
  const firstLine = firstNl === -1 ? out : out.slice(0, firstNl);
  if (rest && firstLine.trimEnd().endsWith(rest)) out = firstLine.trimEnd().slice(0, -rest.length) + (firstNl === -1 ? '' : out.slice(firstNl));
  const next = suffix.split('\n').slice(1).find((l) => l.trim());
  if (next === undefined || next.trim().length < 2) return out;
  const lines = out.split('\n');
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() === next.trim()) return lines.slice(0, i).join('\n');
  if (lines.length === 1 && lines[0].trim() === next.trim() && !positionOf('', suffix).lineSuffix.trim()) return '';
  return out;
}

/** A multi-line answer ends where a line is less indented than the line it started on (the block closed). */
export function cutAtBlockEnd(text: string, prefix: string): string {
  const { linePrefix } = positionOf(prefix, '');
  const base = indentOf(linePrefix).length;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() && indentOf(l).length < base) return lines.slice(0, i).join('\n');
  }
  return text;
}

/** A line repeated right after itself (a looping model): keep the first. */
export function cutRepeats(text: string): string {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l.length > 3 && l === lines[i - 1].trim()) return lines.slice(0, i).join('\n');
  }
  return text;
}

/** The first line (or, at the end of a finished line, the next one with its line break). */
export function firstLine(text: string, prefix: string): string {
  const { linePrefix } = positionOf(prefix, '');
  if (text.startsWith('\n') && linePrefix.trim()) {
    const body = text.replace(/^\n+/, '');
    const nl = body.indexOf('\n');
    return '\n' + (nl === -1 ? body : body.slice(0, nl));
  }
  const nl = text.indexOf('\n');
  return nl === -1 ? text : text.slice(0, nl);
}

/** The text to show, or null when nothing worth showing is left. */
export function postProcess(raw: string, p: PostInput): string | null {
  let t = cutAtStop(raw, p.stop);
  t = stripFences(t);
  t = stripEchoedPrefix(t, p.prefix);
  if (!positionOf(p.prefix, '').linePrefix.trim()) t = t.replace(/^(?:[ \t]*\n)+(?=[ \t]*\S)/, '');
  t = p.multiline ? t : firstLine(t, p.prefix);
  t = cutAtSuffix(t, p.suffix);
  t = cutAtBlockEnd(t, p.prefix);
  t = cutRepeats(t);
  t = t.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
  return t.trim() ? t : null;
}
