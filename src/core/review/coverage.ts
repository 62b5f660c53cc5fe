// What a run covered, for every report format: files reviewed (or answered from the cache), cut
// (only part sent, with the share), skipped (with the reason), failed or cancelled, and the
// repository rules that applied.
import { formatUsd } from '../models/format';
import { MAX_RULES_CHARS, WORK_TREE, type RulesUsed } from './rules';
import type { FileResult, ReviewReport } from './types';

export interface Coverage {
  reviewed: string[];
  cached: string[];
  /** Files of which only a part was sent; `sent` is the share of lines (0-1). */
  cut: { path: string; sent: number }[];
  skipped: { path: string; reason: string }[];
  failed: { path: string; reason: string; errorKind: string }[];
  /** Stopped (Ctrl+C, SIGTERM, Cancel) before they were reviewed: not failures. */
  cancelled: string[];
  rules?: RulesUsed;
}

/** Extra facts the renderers show besides the findings. */
export interface ReportContext {
  rules?: RulesUsed;
}

function isCancelled(f: FileResult): boolean {
  return f.status === 'failed' && f.errorKind === 'cancelled';
}

export function coverageOf(r: ReviewReport, ctx: ReportContext = {}): Coverage {
  const of = (s: FileResult['status']) => r.files.filter((f) => f.status === s);
  return {
    reviewed: of('reviewed').map((f) => f.path),
    cached: of('cached').map((f) => f.path),
    cut: r.files.filter((f) => f.sentShare !== undefined && (f.status === 'reviewed' || f.status === 'cached')).map((f) => ({ path: f.path, sent: f.sentShare as number })),
    skipped: of('skipped').map((f) => ({ path: f.path, reason: f.reason ?? 'skipped' })),
    failed: of('failed').filter((f) => !isCancelled(f)).map((f) => ({ path: f.path, reason: f.reason ?? '', errorKind: f.errorKind ?? 'protocol' })),
    cancelled: of('failed').filter(isCancelled).map((f) => f.path),
    ...(ctx.rules ? { rules: ctx.rules } : {}),
  };
}

export function percent(share: number): string {
  return `${Math.max(1, Math.round(share * 100))}%`;
}

/** "REVIEW.md, .relay/review.json (src/**) from origin/main; cut for 2 file(s)" or null when no rules applied. */
export function rulesText(rules: RulesUsed | undefined): string | null {
  // With no rules at all, nothing to say, unless they were read from a base ref: then "none" tells
  // the reader that the pull request's own rules files were not used.
  if (!rules || (!rules.files.length && !rules.notes.length && rules.from === WORK_TREE)) return null;
  const used = rules.files.length ? `${rules.files.join(', ')} (read from ${rules.from})` : `none (read from ${rules.from})`;
  const cut = rules.truncatedFor ? `; cut to ${MAX_RULES_CHARS.toLocaleString('en-US')} characters for ${rules.truncatedFor} file(s)` : '';
  const notes = rules.notes.length ? `; ${rules.notes.join('; ')}` : '';
  return `${used}${cut}${notes}`;
}

/** The summary's extra facts in words: hidden findings, unrated ones, what the cache saved. */
export function summaryNotes(s: ReviewReport['summary']): string[] {
  const out: string[] = [];
  const h = s.hidden;
  if (h) {
    const parts: string[] = [];
    if (h.unchanged) parts.push(`${h.unchanged} unchanged, not shown`);
    if (h.lowConfidence) parts.push(`${h.lowConfidence} low-confidence finding(s) hidden`);
    if (h.belowSeverity) parts.push(`${h.belowSeverity} below the minimum severity hidden`);
    if (h.overCap) parts.push(`${h.overCap} over the per-file limit hidden`);
    if (h.suppressed) parts.push(`${h.suppressed} suppressed`);
    if (parts.length) out.push(parts.join(', '));
  }
  if (s.unrated) out.push(`${s.unrated} finding(s) without a confidence from the model (kept)`);
  if (s.cached && s.cacheSavedUsd > 0) out.push(`the cache saved ${formatUsd(s.cacheSavedUsd)} (${s.cached} file(s) not sent again)`);
  if (s.cachedPromptTokens) out.push(`${s.cachedPromptTokens} prompt token(s) served from the relay's prompt cache`);
  return out;
}
