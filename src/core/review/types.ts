// The review engine's data model, shared by the engine, the CLI and the extension glue.
import type { ErrorKind } from '../relay/types';

export type Severity = 'error' | 'warning' | 'info';

/** One finding; lines are 1-based and inside the file. */
export interface Finding {
  line: number;
  endLine?: number;
  severity: Severity;
  message: string;
  rule?: string;
  suggestion?: string;
}

export type FileStatus = 'reviewed' | 'cached' | 'skipped' | 'failed';

export interface FileResult {
  /** Relative to the review root, forward slashes. */
  path: string;
  status: FileStatus;
  /** skipped: why; failed: what went wrong, in plain words. */
  reason?: string;
  /** failed: the relay error kind (or the kind that stopped the run). */
  errorKind?: ErrorKind;
  findings: Finding[];
}

export interface ReviewSummary {
  files: number;
  reviewed: number;
  cached: number;
  skipped: number;
  failed: number;
  findings: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  durationMs: number;
  /** HTTP requests sent, retries included. */
  requests: number;
}

export interface ReviewReport {
  files: FileResult[];
  summary: ReviewSummary;
}

/** One entry of a file listing; `dir` marks a generated/vendored folder pruned without listing its contents. */
export interface SourceEntry {
  path: string;
  size?: number;
  dir?: boolean;
}

/** Where files come from: a node:fs walk (CLI), vscode.workspace (extension), memory (tests). */
export interface FileSource {
  /** Candidate files, relative paths with forward slashes. */
  list(): Promise<SourceEntry[]>;
  read(path: string): Promise<Uint8Array>;
}

/** A file that will be reviewed (or answered from the cache). */
export interface PlannedFile {
  path: string;
  language: string;
  text: string;
  /** sha256 of the bytes, hex. */
  hash: string;
}

export interface ReviewPlan {
  files: PlannedFile[];
  skipped: FileResult[];
}

export interface ReviewProgress {
  total: number;
  done: number;
  cached: number;
  failed: number;
  skipped: number;
  findings: number;
  /** Set while the relay throttles the run below the configured limits (adaptive concurrency/rate). */
  throttle?: { inFlight: number; concurrency: number; requestsPerSecond: number };
}
