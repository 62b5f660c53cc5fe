// Where a chat code block goes when the user clicks Apply with no selection: the region of the
// file it is a new version of (a function, method or class with the same name, or the lines
// between its first and last line), the whole file (the block is a complete version of it), or
// nowhere we can tell (the relay is then asked to merge it). Never "replace the whole file with
// a fragment". Language-agnostic heuristics over lines (Continue finds the region in a
// tree-sitter AST and falls back to a model; we have no parser, so we only claim a region when
// the block is exactly one construct and the file has exactly one match for it).
import { extentOf } from './extent';
import { toLines } from './lines';

export type ApplyTarget =
  /** Lines `startLine..endLine` (0-based, inclusive) of the file; `name` when found by a declaration. */
  | { kind: 'region'; startLine: number; endLine: number; name?: string; callable?: boolean }
  /** The block is a whole version of the file: review it against the whole file. */
  | { kind: 'file' }
  /** No region found: the relay merges the block into the file. */
  | { kind: 'merge' };

/** Modifiers that may precede a declaration's keyword or name, in any of the languages we know. */
const MODIFIERS =
  '(?:(?:export|default|declare|async|pub(?:\\([^)]*\\))?|public|private|protected|internal|static|abstract|final|override|virtual|sealed|partial|readonly|unsafe|extern|inline|suspend|open|data|synchronized|native|func\\s+\\([^)]*\\))\\s+)*';
const KEYWORD_DECLARATION = new RegExp(
  `^\\s*${MODIFIERS}(?:function\\*?|def|func|fn|fun|class|interface|struct|enum|trait|impl|type|module|namespace|record|object|protocol|sub|procedure)\\s+(?:\\([^)]*\\)\\s*)?([A-Za-z_$][\\w$]*)`,
);
/** `const name = (…) =>`, `let name = function`, `val name =` … */
const BINDING_DECLARATION = new RegExp(`^\\s*${MODIFIERS}(?:const|let|var|val)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=`);
/** A method or a typed function: `[modifiers] [type] name(…)` that is not a call or a control statement. */
const METHOD_DECLARATION = new RegExp(`^\\s*${MODIFIERS}([A-Za-z_$][\\w$<>\\[\\],.?*&\\s]*\\s+)?([A-Za-z_$][\\w$]*)\\s*(?:<[^>()]*>)?\\s*\\(`);
const NOT_A_NAME = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'new', 'else', 'do', 'try', 'with', 'await', 'yield', 'throw', 'elif', 'match', 'case', 'typeof', 'sizeof', 'super', 'this', 'print', 'assert', 'foreach', 'using', 'lock', 'fixed', 'delete', 'function', 'def', 'fn', 'func', 'lambda']);

/** "// ... existing code ...", "# rest of the file unchanged": a block that leaves parts out. */
const LAZY_MARKER = /^\s*(?:\/\/|#|\/\*|<!--|--|;)\s*(?:\.{3}|…|\[\.\.\.\])|^\s*(?:\/\/|#|\/\*|<!--|--)?.*\b(?:existing|rest of|remaining|unchanged|same as before|other (?:methods|code|functions))\b.*(?:\.{3}|…|unchanged)/i;
/** A comment or a decorator / attribute line that belongs to the declaration below it. */
const LEADING = /^\s*(?:\/\/|\/\*|\*|#(?!include|define|if|endif|pragma)|@|\[[A-Z]|"""|''')/;

export interface Declaration {
  name: string;
  /** True for functions and methods (shown as `name()`). */
  callable: boolean;
}

/** The name a line declares, if it looks like a declaration. */
export function declarationOf(line: string): Declaration | undefined {
  if (/;\s*$/.test(line) && !BINDING_DECLARATION.test(line)) {
    // `int f(int a);` is a prototype, `foo(bar);` a call: neither is a region to replace (bindings excepted).
    return undefined;
  }
  const keyword = KEYWORD_DECLARATION.exec(line);
  if (keyword) return { name: keyword[1], callable: /^\s*(?:\S+\s+)*?(?:function\*?|def|func|fn|fun|sub|procedure)\b/.test(line) };
  const binding = BINDING_DECLARATION.exec(line);
  if (binding) return { name: binding[1], callable: /=>|\bfunction\b|\blambda\b/.test(line) };
  const method = METHOD_DECLARATION.exec(line);
  if (!method || NOT_A_NAME.has(method[2]) || NOT_A_NAME.has(/^\s*([\w$]+)/.exec(line)?.[1] ?? '') || method[0].includes('=')) return undefined;
  // A header ends with `{`, `=>`, or continues (`(`, `,`); one ending with `)` needs a return type to be told from a call.
  const open = /(?:\{|=>|\(|,)\s*$/.test(line);
  const typed = method[1] !== undefined || /\)\s*(?::|->)\s*[^=]+$|\)\s*throws\b/.test(line);
  if (!open && !(typed && /\)\s*(?:(?::|->)\s*[^=]+|throws\s+[\w.,\s]+)?$/.test(line))) return undefined;
  return { name: method[2], callable: true };
}

export function hasLazyMarker(lines: readonly string[]): boolean {
  return lines.some((l) => LAZY_MARKER.test(l));
}

/** Where `code` goes in a file of `fileText`. */
export function findApplyTarget(fileText: string, code: string, languageId: string): ApplyTarget {
  const file = toLines(fileText).lines;
  const block = trimBlank(toLines(code.replace(/\r\n/g, '\n')).lines);
  if (block.length === 0 || file.length === 0) return { kind: 'merge' };
  if (hasLazyMarker(block)) return { kind: 'merge' };
  if (isWholeFile(file, block)) return { kind: 'file' };
  return singleConstruct(file, block, languageId) ?? firstAndLast(file, block) ?? { kind: 'merge' };
}

/** Short words for a button: "Apply to total()", "Apply to lines 3–9", "Apply to file". */
export function applyLabel(target: ApplyTarget): string {
  if (target.kind !== 'region') return 'Apply to file';
  if (target.name) return `Apply to ${target.name}${target.callable ? '()' : ''}`;
  return target.startLine === target.endLine ? `Apply to line ${target.startLine + 1}` : `Apply to lines ${target.startLine + 1}–${target.endLine + 1}`;
}

/** The button's words and tooltip for a target in `fileName` ('selection': the editor has a selection, which the block replaces). */
export function applyButton(target: ApplyTarget | 'selection', fileName: string): { label: string; title: string } {
  if (target === 'selection') return { label: 'Replace selection', title: `Replace the selected lines of ${fileName} with this code (shown as a diff to accept or reject)` };
  const label = applyLabel(target);
  if (target.kind === 'file') return { label, title: `This code is a whole version of ${fileName}: review its differences from the file` };
  if (target.kind === 'merge') return { label, title: `No single function or lines of ${fileName} match this code: the relay merges it into the whole file (one request), then you review the differences` };
  const lines = `lines ${target.startLine + 1}–${target.endLine + 1}`;
  return { label, title: `Replace ${target.name ? `${target.name} (${lines})` : lines} of ${fileName} with this code (shown as a diff to accept or reject)` };
}

/** The block starts and ends like the file and is about as long: a complete new version of it. */
function isWholeFile(file: string[], block: string[]): boolean {
  const fileCore = trimBlank(file);
  const same = (a: string, b: string) => norm(a) === norm(b);
  return block.length >= fileCore.length * 0.6 && same(block[0], fileCore[0]) && same(block[block.length - 1], fileCore[fileCore.length - 1]);
}

/** The block is one construct (after its comments / decorators); the file has exactly one construct like it. */
function singleConstruct(file: string[], block: string[], languageId: string): ApplyTarget | undefined {
  let anchor = 0;
  while (anchor < block.length - 1 && LEADING.test(block[anchor])) anchor++;
  const blockEnd = extentOf(block, anchor, languageId);
  if (blockEnd === undefined || blockEnd < block.length - 1) return undefined;
  const decl = declarationOf(block[anchor]);
  const start = uniqueMatch(file, block[anchor], decl);
  if (start === undefined) return undefined;
  const end = extentOf(file, start, languageId);
  if (end === undefined) return undefined;
  // The block brings its own comments / decorators: they replace the ones above the match.
  let first = start;
  if (anchor > 0) while (first > 0 && LEADING.test(file[first - 1]) && file[first - 1].trim() !== '') first--;
  return { kind: 'region', startLine: first, endLine: end, ...(decl ? { name: decl.name, callable: decl.callable } : {}) };
}

/** The one file line that is `line` (ignoring whitespace), else the one declaring the same name, else undefined. */
function uniqueMatch(file: string[], line: string, decl: Declaration | undefined): number | undefined {
  const exact = indexesWhere(file, (l) => norm(l) === norm(line));
  if (exact.length === 1 && (decl || distinctive(line))) return exact[0];
  if (exact.length > 1 || !decl) return undefined;
  const named = indexesWhere(file, (l) => declarationOf(l)?.name === decl.name);
  return named.length === 1 ? named[0] : undefined;
}

/** The block's first and last lines each occur once in the file, in order, about as far apart: the lines between. */
function firstAndLast(file: string[], block: string[]): ApplyTarget | undefined {
  const first = block[0];
  const last = block[block.length - 1];
  if (!distinctive(first) || !distinctive(last)) return undefined;
  const starts = indexesWhere(file, (l) => norm(l) === norm(first));
  const ends = indexesWhere(file, (l) => norm(l) === norm(last));
  if (starts.length !== 1 || ends.length !== 1 || ends[0] < starts[0]) return undefined;
  const span = ends[0] - starts[0] + 1;
  if (span > block.length * 2 + 10 || span * 2 + 10 < block.length) return undefined;
  return { kind: 'region', startLine: starts[0], endLine: ends[0] };
}

/** A line worth matching on its own: not a brace, a keyword or a blank. */
function distinctive(line: string): boolean {
  const n = norm(line);
  return n.length >= 6 && !/^[\s{}()[\];,]*$/.test(n) && !/^(?:end|else|return|break|continue|pass|try|finally)\b.{0,4}$/.test(n);
}

function norm(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

function indexesWhere(lines: readonly string[], test: (line: string) => boolean): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => test(l) && out.push(i));
  return out;
}

function trimBlank(lines: string[]): string[] {
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from].trim() === '') from++;
  while (to > from && lines[to - 1].trim() === '') to--;
  return lines.slice(from, to);
}
