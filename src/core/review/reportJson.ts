// The `--format json` shape: every planned file, fixed keys, 1-based lines.
import type { FileResult, ReviewReport, ReviewSummary } from './types';

export interface JsonFinding {
  line: number;
  endLine: number;
  severity: string;
  message: string;
  rule: string | null;
  suggestion: string | null;
}

export interface JsonFile {
  path: string;
  status: FileResult['status'];
  reason?: string;
  errorKind?: string;
  findings: JsonFinding[];
}

export interface JsonReport {
  files: JsonFile[];
  summary: ReviewSummary;
}

export function toJsonReport(r: ReviewReport): JsonReport {
  return {
    files: r.files.map((f) => ({
      path: f.path,
      status: f.status,
      ...(f.reason !== undefined ? { reason: f.reason } : {}),
      ...(f.status === 'failed' ? { errorKind: f.errorKind ?? 'protocol' } : {}),
      findings: f.findings.map((x) => ({ line: x.line, endLine: x.endLine ?? x.line, severity: x.severity, message: x.message, rule: x.rule ?? null, suggestion: x.suggestion ?? null })),
    })),
    summary: { ...r.summary },
  };
}
