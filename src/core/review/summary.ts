// The run summary and the counts shown to users.
import type { FileResult, Finding, ReviewSummary, Severity } from './types';

export interface RunTotals {
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens?: number;
  reasoningTokens?: number;
  costUsd: number;
  cacheSavedUsd?: number;
  requests: number;
  durationMs: number;
}

export function summarize(files: FileResult[], totals: RunTotals): ReviewSummary {
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
    cachedPromptTokens: totals.cachedPromptTokens ?? 0,
    reasoningTokens: totals.reasoningTokens ?? 0,
    costUsd: totals.costUsd,
    cacheSavedUsd: totals.cacheSavedUsd ?? 0,
    durationMs: totals.durationMs,
    requests: totals.requests,
  };
}

export function countBySeverity(files: FileResult[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) counts[x.severity]++;
  return counts;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const RANK = SEVERITY_RANK;

/** true when a finding is at least as severe as `threshold`. */
export function reaches(f: Finding, threshold: Severity): boolean {
  return RANK[f.severity] >= RANK[threshold];
}
