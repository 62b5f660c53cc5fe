// Where a declaration (function, method, class…) ends, without a parser: by brackets for the
// C-like languages (strings and comments skipped), by indentation for Python-like ones, and by
// indentation as the fallback when the brackets do not close. Language-agnostic on purpose:
// good enough to find "the region this code block replaces"; anything unsure returns undefined.

/** Languages whose blocks are delimited by indentation (a `{` there is a dict, not a block). */
const INDENT_LANGUAGES = new Set(['python', 'yaml', 'coffeescript', 'ruby', 'nim', 'haml', 'pug', 'jade', 'elixir']);
/** Languages whose line comments start with `#` (for the bracket scanner). */
const HASH_COMMENTS = new Set(['python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'elixir', 'coffeescript', 'powershell', 'makefile', 'dockerfile', 'toml']);
/** How far a declaration's opening may be from its first line (long parameter lists included). */
const MAX_HEADER_LINES = 40;

export function usesIndentation(languageId: string): boolean {
  return INDENT_LANGUAGES.has(languageId);
}

/** The last line (index) of the construct that starts at `first`, or undefined when it cannot tell. */
export function extentOf(lines: readonly string[], first: number, languageId: string): number | undefined {
  if (first < 0 || first >= lines.length) return undefined;
  if (!usesIndentation(languageId)) {
    const byBrackets = bracketExtent(lines, first, HASH_COMMENTS.has(languageId));
    if (byBrackets !== undefined) return byBrackets;
  }
  return indentExtent(lines, first);
}

/**
 * By indentation: the first line, then every line indented deeper (or blank), then one closing
 * line at the first line's indentation (`}`, `end`, `)`…). Trailing blank lines are not part of it.
 */
export function indentExtent(lines: readonly string[], first: number): number {
  const base = indentOf(lines[first]);
  let last = first;
  let i = first + 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (indentOf(line) > base) {
      last = i;
      continue;
    }
    // A brace on its own line right after the header (Allman style) opens the body.
    if (indentOf(line) === base && i === last + 1 && last === first && /^\s*\{\s*$/.test(line)) {
      last = i;
      continue;
    }
    break;
  }
  if (i < lines.length && indentOf(lines[i]) === base && /^\s*(\}|\)|\]|end\b|};?|\);?)/.test(lines[i]) && last > first) last = i;
  return last;
}

/** By brackets: ends where the brackets opened since `first` close again, after a `{` was seen; a statement ends at `;`. */
function bracketExtent(lines: readonly string[], first: number, hashComments: boolean): number | undefined {
  const scan = new BracketScanner(hashComments);
  for (let i = first; i < lines.length; i++) {
    scan.line(lines[i]);
    if (scan.depth < 0) return undefined;
    if (scan.depth === 0 && scan.sawBrace) return i;
    if (scan.depth === 0 && !scan.sawBrace && /;\s*$/.test(lines[i])) return i;
    if (!scan.sawBrace && i - first >= MAX_HEADER_LINES) return undefined;
  }
  return undefined;
}

/** Counts (, [, { against their closers, skipping string literals and comments (a rough lexer: no regex literals). */
class BracketScanner {
  depth = 0;
  sawBrace = false;
  private inBlockComment = false;
  private quote: string | null = null;

  constructor(private readonly hashComments: boolean) {}

  line(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.inBlockComment) {
        if (c === '*' && text[i + 1] === '/') {
          this.inBlockComment = false;
          i++;
        }
        continue;
      }
      if (this.quote) {
        if (c === '\\') i++;
        else if (c === this.quote) this.quote = null;
        continue;
      }
      if (c === '/' && text[i + 1] === '/') break;
      if (c === '#' && this.hashComments) break;
      if (c === '/' && text[i + 1] === '*') {
        this.inBlockComment = true;
        i++;
      } else if (c === '"' || c === "'" || c === '`') {
        this.quote = c;
      } else if (c === '{' || c === '(' || c === '[') {
        this.depth++;
        if (c === '{') this.sawBrace = true;
      } else if (c === '}' || c === ')' || c === ']') {
        this.depth--;
      }
    }
    // A quote left open at the end of a line is a character literal gone wrong or an apostrophe: only template literals span lines.
    if (this.quote && this.quote !== '`') this.quote = null;
  }
}

export function indentOf(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width++;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}
