// Line arrays with the document's line ending: the unit every edit computation works in.

export type Eol = '\n' | '\r\n';

/** Text as lines, plus whether the last line was terminated by a line break. */
export interface LineText {
  lines: string[];
  finalEol: boolean;
}

/** Splits at LF and CRLF (a lone CR stays inside its line). "" has no lines. */
export function toLines(text: string): LineText {
  if (text === '') return { lines: [], finalEol: false };
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const finalEol = lines[lines.length - 1] === '';
  if (finalEol) lines.pop();
  return { lines, finalEol };
}

/** Joins lines with `eol`; a final `eol` only when asked and there is a line to end. */
export function joinLines(lines: readonly string[], eol: Eol, finalEol: boolean): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalEol ? eol : '');
}

/** The smallest single replacement that turns `before` into `after` (common prefix and suffix kept). */
export interface TextReplacement {
  offset: number;
  deleteLength: number;
  insert: string;
}

export function minimalReplacement(before: string, after: string): TextReplacement {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Never end the prefix inside a surrogate pair or between CR and LF.
  if (prefix > 0 && opensPair(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && closesPair(before.charCodeAt(before.length - suffix))) suffix--;
  return { offset: prefix, deleteLength: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) };
}

function opensPair(code: number): boolean {
  return code === 13 || (code >= 0xd800 && code <= 0xdbff);
}

function closesPair(code: number): boolean {
  return code === 10 || (code >= 0xdc00 && code <= 0xdfff);
}
