// Plain-words summaries of a review run for the output channel and the closing notification.
import { formatCost, formatUsageCost } from '../../core/models/format';
import { countBySeverity } from '../../core/review/summary';
import type { ReviewEstimate } from '../../core/review/estimate';
import type { ReviewReport } from '../../core/review/types';

export function estimateText(e: ReviewEstimate, model: string): string {
  const cached = e.cachedFiles ? `, ${e.cachedFiles} from cache` : '';
  return `${e.files} file(s) to send${cached}, ~${e.promptTokens + e.completionTokens} tokens, about ${formatCost(e.costUsd)} with ${model}`;
}

/** One line for the notification. */
export function shortSummary(r: ReviewReport): string {
  const s = r.summary;
  const parts = [`${s.reviewed} reviewed`, `${s.cached} cached`, `${s.skipped} skipped`, `${s.failed} failed`];
  const sev = countBySeverity(r.files);
  return `Relay Review: ${parts.join(', ')} — ${s.findings} finding(s) (${sev.error} errors, ${sev.warning} warnings, ${sev.info} info).`;
}

/** The full summary for the output channel: counts, tokens, cost, time, and every skipped or failed file. */
export function longSummary(r: ReviewReport, kept: Map<string, number>): string[] {
  const s = r.summary;
  const lines = [
    shortSummary(r),
    `Tokens: ${formatUsageCost(s, s.costUsd)}; ${s.requests} request(s); ${(s.durationMs / 1000).toFixed(1)} s.`,
  ];
  for (const f of r.files) {
    if (f.status === 'skipped') lines.push(`  skipped ${f.path}: ${f.reason}`);
    if (f.status === 'failed') {
      const n = kept.get(f.path) ?? 0;
      lines.push(`  failed ${f.path} [${f.errorKind}]: ${f.reason}${n ? ` (kept ${n} earlier finding(s))` : ''}`);
    }
  }
  return lines;
}
