// Plain-words summaries of a review run for the output channel and the closing notification.
import { countBySeverity } from '../../core/review/summary';
import type { ReviewEstimate } from '../../core/review/estimate';
import type { ReviewReport } from '../../core/review/types';

export function usd(value: number | null): string {
  if (value === null) return 'unknown cost';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function estimateText(e: ReviewEstimate, model: string): string {
  const cached = e.cachedFiles ? `, ${e.cachedFiles} from cache` : '';
  return `${e.files} file(s) to send${cached}, ~${e.promptTokens + e.completionTokens} tokens, about ${usd(e.costUsd)}${e.costUsd === null ? '' : ' (assuming no prompt cache)'} with ${model}`;
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
    `Tokens: ${s.promptTokens} prompt + ${s.completionTokens} completion; cost ${usd(s.costUsd)}; ${s.requests} request(s); ${(s.durationMs / 1000).toFixed(1)} s.`,
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
