// Indentation of replacement code, aligned to the selection it replaces: the same base
// indentation as the selection's first line, and the document's tabs-or-spaces style.

export interface IndentStyle {
  useTabs: boolean;
  tabSize: number;
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Columns the whitespace spans (a tab advances to the next tab stop). */
export function indentWidth(whitespace: string, tabSize: number): number {
  let width = 0;
  for (const ch of whitespace) width = ch === '\t' ? (Math.floor(width / tabSize) + 1) * tabSize : width + 1;
  return width;
}

/** Tabs when more indented lines start with a tab than with a space; `fallback` (the editor's options) when none is indented. */
export function detectIndentStyle(lines: readonly string[], fallback: IndentStyle): IndentStyle {
  let tabs = 0;
  let spaces = 0;
  for (const line of lines) {
    if (line.startsWith('\t')) tabs++;
    else if (line.startsWith(' ') && line.trim() !== '') spaces++;
  }
  if (tabs === 0 && spaces === 0) return fallback;
  return { useTabs: tabs > spaces, tabSize: fallback.tabSize };
}

/**
 * Shifts `code` so its first non-blank line starts at the indentation of the first non-blank
 * line of `original`, keeping relative indentation, written in `style`. Lines already right stay
 * byte-identical; blank lines are kept as they are.
 */
export function alignIndentation(code: readonly string[], original: readonly string[], style: IndentStyle): string[] {
  const codeBase = baseWidth(code, style.tabSize);
  if (codeBase === null) return [...code];
  const shift = (baseWidth(original, style.tabSize) ?? codeBase) - codeBase;
  return code.map((line) => realign(line, shift, style));
}

function baseWidth(lines: readonly string[], tabSize: number): number | null {
  const first = lines.find((l) => l.trim() !== '');
  return first === undefined ? null : indentWidth(leadingWhitespace(first), tabSize);
}

function realign(line: string, shift: number, style: IndentStyle): string {
  if (line.trim() === '') return line;
  const ws = leadingWhitespace(line);
  if (shift === 0 && isInStyle(ws, style)) return line;
  const width = Math.max(0, indentWidth(ws, style.tabSize) + shift);
  return renderIndent(width, style) + line.slice(ws.length);
}

function isInStyle(ws: string, style: IndentStyle): boolean {
  return style.useTabs ? new RegExp(`^\\t* {0,${style.tabSize - 1}}$`).test(ws) : !ws.includes('\t');
}

function renderIndent(width: number, style: IndentStyle): string {
  if (!style.useTabs) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / style.tabSize)) + ' '.repeat(width % style.tabSize);
}
