// The run summary and the counts shown to users.
import type { FileResult, Finding, ReviewSummary, Severity } from './types';

export function summarize(files: FileResult[], totals: { promptTokens: number; completionTokens: number; costUsd: number; requests: number; durationMs: number }): ReviewSummary {
  const count = (status: FileResult['status']) => files.filter((f) => f.status === status).length;
  return {
    files: files.length,
    reviewed: count('reviewed'),
    cached: count('cached'),
    skipped: count('skipped'),
    failed: count('failed'),
    findings: files.reduce((n, f) => n + f.findings.length, 0),
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    costUsd: totals.costUsd,
    durationMs: totals.durationMs,
    requests: totals.requests,
  };
}

export function countBySeverity(files: FileResult[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) counts[x.severity]++;
  return counts;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** true when a finding is at least as severe as `threshold`. */
export function reaches(f: Finding, threshold: Severity): boolean {
  return RANK[f.severity] >= RANK[threshold];
}
