// Tolerant parsing of a review reply: {"findings": [...]}, a bare array, fenced JSON, prose around it.
import type { Finding, Severity } from './types';

export class FindingsParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FindingsParseError';
  }
}

const SEVERITY_WORDS: Record<string, Severity> = {
  error: 'error', critical: 'error', high: 'error', blocker: 'error', major: 'error', fatal: 'error',
  warning: 'warning', warn: 'warning', medium: 'warning', moderate: 'warning',
  info: 'info', information: 'info', note: 'info', hint: 'info', low: 'info', minor: 'info', suggestion: 'info', style: 'info',
};

/** JSON texts the reply may hold, most likely first. */
function candidates(reply: string): string[] {
  const text = reply.trim();
  const out = [text];
  for (const m of text.matchAll(/```[\w-]*[^\S\n]*\n?([\s\S]*?)```/g)) out.push(m[1].trim());
  const firstBrace = text.indexOf('{');
  const firstBracket = text.indexOf('[');
  if (firstBrace >= 0) out.push(text.slice(firstBrace, text.lastIndexOf('}') + 1));
  if (firstBracket >= 0) out.push(text.slice(firstBracket, text.lastIndexOf(']') + 1));
  return out;
}

function findingsArray(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['findings', 'issues', 'problems', 'results']) if (Array.isArray(v[key])) return v[key] as unknown[];
  }
  return null;
}

function toLine(value: unknown): number | null {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : null;
}

const CONFIDENCE_WORDS: Record<string, number> = { high: 0.9, medium: 0.6, moderate: 0.6, low: 0.3 };

/** 0-1; a percentage (1 < n <= 100) is scaled; words (high/medium/low) mapped; anything else: undefined (not rated). */
export function toConfidence(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const word = CONFIDENCE_WORDS[value.trim().toLowerCase()];
    if (word !== undefined) return word;
    const pct = /^\s*([0-9]*\.?[0-9]+)\s*%\s*$/.exec(value);
    if (pct) return Math.min(1, Number(pct[1]) / 100);
  }
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return undefined;
  if (n <= 1) return n;
  return n <= 100 ? n / 100 : undefined;
}

function clamp(n: number, lineCount: number): number {
  return Math.min(Math.max(1, n), Math.max(1, lineCount));
}

function toFinding(item: unknown, lineCount: number): Finding | null {
  if (!item || typeof item !== 'object') return null;
  const o = item as Record<string, unknown>;
  const message = typeof o.message === 'string' ? o.message.trim() : '';
  if (!message) return null;
  const line = clamp(toLine(o.line) ?? 1, lineCount);
  const rawEnd = toLine(o.endLine ?? o.end_line);
  const finding: Finding = { line, severity: SEVERITY_WORDS[String(o.severity ?? '').toLowerCase()] ?? 'warning', message };
  if (rawEnd !== null) finding.endLine = Math.max(line, clamp(rawEnd, lineCount));
  if (typeof o.rule === 'string' && o.rule.trim()) finding.rule = o.rule.trim();
  if (typeof o.category === 'string' && o.category.trim()) finding.category = o.category.trim().toLowerCase();
  if (typeof o.suggestion === 'string') finding.suggestion = o.suggestion;
  const confidence = toConfidence(o.confidence);
  if (confidence !== undefined) finding.confidence = confidence;
  return finding;
}

/**
 * Findings from a reply, with lines clamped to 1..lineCount. Items without a message are dropped;
 * a reply with no recognisable findings JSON throws FindingsParseError (the file then fails).
 */
export function parseFindings(reply: string, lineCount: number): Finding[] {
  for (const text of candidates(reply)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const items = findingsArray(value);
    if (items) return items.map((i) => toFinding(i, lineCount)).filter((f): f is Finding => f !== null);
  }
  const preview = reply.trim().slice(0, 80).replace(/\s+/g, ' ');
  throw new FindingsParseError(`the reply is not findings JSON${preview ? ` ("${preview}${reply.trim().length > 80 ? '…' : ''}")` : ' (empty reply)'}`);
}
