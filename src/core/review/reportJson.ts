// The `--format json` shape: every planned file, fixed keys, 1-based lines, paths relative to the root.
import { categoryOf } from './categories';
import { coverageOf, type Coverage, type ReportContext } from './coverage';
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
  /** 0-1 as the reviewer rated it; null when it did not. */
  confidence: number | null;
  /** With --baseline --baseline-show. */
  baselineState?: 'new' | 'unchanged';
}

export interface JsonFile {
  path: string;
  status: FileResult['status'];
  reason?: string;
  errorKind?: string;
  /** Share of the lines sent when only part of the file was (0-1). */
  sentShare?: number;
  findings: JsonFinding[];
}

export interface JsonReport {
  /** "2/4" when the run reviewed one shard. */
  shard?: string;
  /** true when the run was stopped (Ctrl+C, SIGTERM) and the report is partial. */
  cancelled?: boolean;
  files: JsonFile[];
  /** What the run covered: reviewed, cached, cut, skipped, failed, cancelled files, and the rules used. */
  coverage: Coverage;
  summary: ReviewSummary;
}

export function toJsonReport(r: ReviewReport, extra: { shard?: string; cancelled?: boolean } & ReportContext = {}): JsonReport {
  return {
    ...(extra.shard ? { shard: extra.shard } : {}),
    ...(extra.cancelled ? { cancelled: true } : {}),
    files: r.files.map((f) => ({
      path: f.path,
      status: f.status,
      ...(f.reason !== undefined ? { reason: f.reason } : {}),
      ...(f.status === 'failed' ? { errorKind: f.errorKind ?? 'protocol' } : {}),
      ...(f.sentShare !== undefined ? { sentShare: Math.round(f.sentShare * 1000) / 1000 } : {}),
      findings: f.findings.map((x) => ({
        line: x.line, endLine: x.endLine ?? x.line, severity: x.severity, category: categoryOf(x), message: x.message,
        rule: x.rule ?? null, suggestion: x.suggestion ?? null, fingerprint: x.fingerprint ?? null, confidence: x.confidence ?? null,
        ...(x.baselineState ? { baselineState: x.baselineState } : {}),
      })),
    })),
    coverage: coverageOf(r, extra),
    summary: { ...r.summary },
  };
}
