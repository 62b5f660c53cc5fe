// The detector: finds high-confidence secrets in text (rules in ./rules.ts).
import { ASSIGNMENT_RULES, TOKEN_RULES, type SecretRule } from './rules';

export interface SecretFinding {
  /** Machine id of the rule, e.g. `private-key`, `aws-access-key`. */
  kind: string;
  /** Plain words for the user, e.g. "a private key". */
  label: string;
  /** 1-based line of the secret's first character. */
  line: number;
  /** Offsets into the scanned text: [start, end). */
  start: number;
  end: number;
}

const BEGIN_KEY = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
const END_KEY = /-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
/** Lines a PEM/PGP body is made of: base64, or `Proc-Type: …` style headers. */
const BODY_LINE = /^(?:[A-Za-z0-9+/=]*|[A-Za-z-]+: .*)$/;
/** A block with less base64 than this is a mention (docs, a regex), not a key. */
const MIN_KEY_BODY = 32;

type Range = Omit<SecretFinding, 'line'>;

function privateKeys(text: string): Range[] {
  const found: Range[] = [];
  BEGIN_KEY.lastIndex = 0;
  for (let m = BEGIN_KEY.exec(text); m; m = BEGIN_KEY.exec(text)) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    END_KEY.lastIndex = bodyStart;
    const end = END_KEY.exec(text);
    const nextBegin = text.indexOf('-----BEGIN', bodyStart);
    let stop: number;
    if (end && (nextBegin === -1 || end.index < nextBegin)) stop = end.index + end[0].length;
    else stop = unterminatedEnd(text, bodyStart);
    const body = text.slice(bodyStart, stop).replace(/-----END[^-]*-----/, '');
    if ((body.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) < MIN_KEY_BODY) continue;
    found.push({ kind: 'private-key', label: 'a private key', start, end: stop });
    BEGIN_KEY.lastIndex = stop;
  }
  return found;
}

/** A block cut off before its END line (a truncated file): it runs as far as its body lines do. */
function unterminatedEnd(text: string, from: number): number {
  const re = /\r\n|\r|\n/g;
  re.lastIndex = from;
  let lineStart = from;
  let stop = from;
  for (;;) {
    const br = re.exec(text);
    const lineEnd = br ? br.index : text.length;
    const line = text.slice(lineStart, lineEnd).trim();
    if (lineStart !== from && (line === '' || !BODY_LINE.test(line))) return stop;
    stop = lineEnd;
    if (!br) return stop;
    lineStart = br.index + br[0].length;
  }
}

function ruleMatches(text: string, rule: SecretRule, offset = 0): Range[] {
  if (rule.keywords) return keywordLines(text, rule.keywords).flatMap(([from, to]) => ruleMatches(text.slice(from, to), { ...rule, keywords: undefined }, from));
  const found: Range[] = [];
  for (const m of text.matchAll(rule.re)) {
    const secret = m[rule.group ?? 1] ?? m[0];
    if (rule.accept && !rule.accept(secret)) continue;
    const start = offset + (m.index ?? 0) + m[0].indexOf(secret);
    found.push({ kind: rule.kind, label: rule.label, start, end: start + secret.length });
  }
  return found;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function lineBounds(text: string, at: number): [number, number] {
  let from = at;
  while (from > 0 && !isBreak(text.charCodeAt(from - 1))) from--;
  let to = at;
  while (to < text.length && !isBreak(text.charCodeAt(to))) to++;
  return [from, to];
}

/** [start, end) of each line of `text` on which `keywords` matches, once per line. */
function keywordLines(text: string, keywords: RegExp): [number, number][] {
  const lines: [number, number][] = [];
  keywords.lastIndex = 0;
  for (let m = keywords.exec(text); m; m = keywords.exec(text)) {
    const [from, to] = lineBounds(text, m.index);
    lines.push([from, to]);
    keywords.lastIndex = to;
  }
  return lines;
}

/** High-confidence secrets in `text`, in order of position (overlapping matches count once). */
export function findSecrets(text: string): SecretFinding[] {
  const candidates = [...privateKeys(text)];
  for (const rule of [...TOKEN_RULES, ...ASSIGNMENT_RULES]) candidates.push(...ruleMatches(text, rule));
  const kept: Range[] = [];
  for (const c of candidates) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  kept.sort((a, b) => a.start - b.start);
  const lines = lineStarts(text);
  return kept.map((r) => ({ ...r, line: lineOf(lines, r.start) }));
}

/** "contains a private key, line 12": the reason a review gives for skipping a file. */
export function describeSecret(f: SecretFinding): string {
  return `contains ${f.label}, line ${f.line}`;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
