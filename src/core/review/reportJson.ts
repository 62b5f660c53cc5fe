// The `--format json` shape: every planned file, fixed keys, 1-based lines, paths relative to the root.
import { categoryOf } from './categories';
import type { FileResult, ReviewReport, ReviewSummary } from './types';

export interface JsonFinding {
  line: number;
  endLine: number;
  severity: string;
  /** One of the fixed categories (bug, security, performance, error-handling, maintainability, style, docs). */
  category: string;
  message: string;
  /** The reviewer's own label. */
  rule: string | null;
  suggestion: string | null;
  fingerprint: string | null;
}

export interface JsonFile {
  path: string;
  status: FileResult['status'];
  reason?: string;
  errorKind?: string;
  findings: JsonFinding[];
}

export interface JsonReport {
  /** "2/4" when the run reviewed one shard. */
  shard?: string;
  /** true when the run was stopped (Ctrl+C, SIGTERM) and the report is partial. */
  cancelled?: boolean;
  files: JsonFile[];
  summary: ReviewSummary;
}

export function toJsonReport(r: ReviewReport, extra: { shard?: string; cancelled?: boolean } = {}): JsonReport {
  return {
    ...(extra.shard ? { shard: extra.shard } : {}),
    ...(extra.cancelled ? { cancelled: true } : {}),
    files: r.files.map((f) => ({
      path: f.path,
      status: f.status,
      ...(f.reason !== undefined ? { reason: f.reason } : {}),
      ...(f.status === 'failed' ? { errorKind: f.errorKind ?? 'protocol' } : {}),
      findings: f.findings.map((x) => ({
        line: x.line, endLine: x.endLine ?? x.line, severity: x.severity, category: categoryOf(x), message: x.message,
        rule: x.rule ?? null, suggestion: x.suggestion ?? null, fingerprint: x.fingerprint ?? null,
      })),
    })),
    summary: { ...r.summary },
  };
}
