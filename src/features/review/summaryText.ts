// Plain-words summaries of a review run for the output channel and the closing notification.
import { summaryNotes } from '../../core/review/coverage';
import { formatCost, formatUsageCost } from '../../core/models/format';
import { countBySeverity } from '../../core/review/summary';
import type { ReviewEstimate } from '../../core/review/estimate';
import type { ReviewReport } from '../../core/review/types';

export function estimateText(e: ReviewEstimate, model: string): string {
  const cached = e.cachedFiles ? `, ${e.cachedFiles} from cache` : '';
  return `${e.files} file(s) to send${cached}, ~${e.promptTokens + e.completionTokens} tokens, about ${formatCost(e.costUsd)}${e.costUsd === null ? '' : ' (assuming no prompt cache)'} with ${model}`;
}

/** Files the run stopped before reviewing (Cancel): not failures. */
export function cancelledFiles(r: ReviewReport): string[] {
  return r.files.filter((f) => f.status === 'failed' && f.errorKind === 'cancelled').map((f) => f.path);
}

/** One line for the notification: "6 reviewed, … 39 not reviewed (cancelled) — 3 finding(s) (…); 7 hidden". */
export function shortSummary(r: ReviewReport): string {
  const s = r.summary;
  const cancelled = cancelledFiles(r).length;
  const failed = s.failed - cancelled;
  const parts = [`${s.reviewed} reviewed`, `${s.cached} cached`, `${s.skipped} skipped`];
  if (failed || !cancelled) parts.push(`${failed} failed`);
  if (cancelled) parts.push(`${cancelled} not reviewed (cancelled)`);
  const sev = countBySeverity(r.files);
  const h = s.hidden;
  const hidden = h ? h.lowConfidence + h.belowSeverity + h.overCap + h.suppressed + h.unchanged : 0;
  return `Relay Review: ${parts.join(', ')} — ${s.findings} finding(s) (${sev.error} errors, ${sev.warning} warnings, ${sev.info} info)${hidden ? `; ${hidden} hidden (see Output)` : ''}.`;
}

/** The full summary for the output channel: counts, tokens, cost, time, and every skipped or failed file. */
export function longSummary(r: ReviewReport, kept: Map<string, number>): string[] {
  const s = r.summary;
  const lines = [
    shortSummary(r),
    `Tokens: ${formatUsageCost(s, s.costUsd)}; ${s.requests} request(s); ${(s.durationMs / 1000).toFixed(1)} s.`,
  ];
  for (const note of summaryNotes(s)) lines.push(`${note.charAt(0).toUpperCase()}${note.slice(1)}.`);
  const cancelled = cancelledFiles(r);
  if (cancelled.length) lines.push(`Not reviewed (the review was cancelled): ${cancelled.length} file(s); "Review the Rest" reviews them.`);
  for (const f of r.files) {
    if (f.status === 'skipped') lines.push(`  skipped ${f.path}: ${f.reason}`);
    if (f.status === 'failed' && f.errorKind !== 'cancelled') {
      const n = kept.get(f.path) ?? 0;
      lines.push(`  failed ${f.path} [${f.errorKind}]: ${f.reason}${n ? ` (kept ${n} earlier finding(s))` : ''}`);
    }
  }
  return lines;
}
