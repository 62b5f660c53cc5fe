// Where the cursor stands: the current line around it, whether a request makes sense there
// (mid-line only before closing brackets, quotes and punctuation) and whether the answer may span
// lines (the position clearly opens a block).

export interface Position {
  /** Text of the current line before the cursor. */
  linePrefix: string;
  /** Text of the current line after the cursor. */
  lineSuffix: string;
}

export function positionOf(prefix: string, suffix: string): Position {
  const nl = suffix.indexOf('\n');
  return { linePrefix: prefix.slice(prefix.lastIndexOf('\n') + 1), lineSuffix: nl === -1 ? suffix : suffix.slice(0, nl) };
}

/** The rest of the line lets a completion in: nothing, or only closing brackets, quotes and punctuation. */
export function midLineAllowed(lineSuffix: string): boolean {
  return /^[\s)\]}>"'`;,.:]*$/.test(lineSuffix);
}

const OPENERS = /(?:[{([:]|=>|\bdo|\bthen|\belse)\s*$/;

/** Indentation (leading whitespace) of a line. */
export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/**
 * A multi-line answer fits: the line before the cursor ends with a block opener, or the cursor is on
 * a blank line whose next non-empty line is not more indented (room for new statements).
 */
export function opensBlock(prefix: string, suffix: string): boolean {
  const { linePrefix, lineSuffix } = positionOf(prefix, suffix);
  if (lineSuffix.trim() && !midLineAllowed(lineSuffix)) return false;
  if (OPENERS.test(linePrefix)) return true;
  if (linePrefix.trim()) return false;
  const lines = prefix.split('\n');
  const prev = [...lines.slice(0, -1)].reverse().find((l) => l.trim());
  if (prev !== undefined && OPENERS.test(prev)) return true;
  const next = suffix.split('\n').slice(1).find((l) => l.trim());
  return next === undefined || indentOf(next).length <= linePrefix.length;
}
