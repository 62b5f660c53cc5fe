// The review engine's data model, shared by the engine, the CLI and the extension glue.
import type { ErrorKind } from '../relay/types';
import type { FileDiff } from './diff';

export type Severity = 'error' | 'warning' | 'info';

/** One finding; lines are 1-based and inside the file. */
export interface Finding {
  line: number;
  endLine?: number;
  severity: Severity;
  message: string;
  rule?: string;
  /** One of the fixed review categories (bug, security, …) when the reviewer named one. */
  category?: string;
  suggestion?: string;
  /** Stable across runs while the flagged code does not change (rule, line text, occurrence). */
  fingerprint?: string;
  /** How sure the reviewer is (0-1); absent when the model did not say (such findings are kept: see thresholds.ts). */
  confidence?: number;
  /** Set by an inline `relay-review: ignore` comment: the finding is dropped (and counted) when reported. */
  suppressed?: { by: 'inline'; reason?: string };
  /** With a baseline: whether the finding is new or was already in it. */
  baselineState?: 'new' | 'unchanged';
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
  /** The share of the file's lines that was sent (0-1), when only part of it was (PR mode sends the changed parts). */
  sentShare?: number;
  /** The repository rules files that applied to this file. */
  rules?: string[];
}

/** Findings the report does not show, by why. */
export interface HiddenCounts {
  lowConfidence: number;
  belowSeverity: number;
  overCap: number;
  suppressed: number;
  unchanged: number;
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
  /** Prompt tokens the relay served from its prompt cache (part of promptTokens). */
  cachedPromptTokens: number;
  /** Completion tokens spent on reasoning (part of completionTokens). */
  reasoningTokens: number;
  costUsd: number;
  /** What the files answered from the review cache cost when they were reviewed (USD; entries that recorded a cost). */
  cacheSavedUsd: number;
  durationMs: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Findings not shown (thresholds, suppressions, baseline); absent before the report policy ran. */
  hidden?: HiddenCounts;
  /** Findings without a confidence from the model (kept; see thresholds.ts). */
  unrated?: number;
}

export interface ReviewReport {
  files: FileResult[];
  summary: ReviewSummary;
}

/** One entry of a file listing; `dir` marks a folder pruned whole (vendored, ignored, build output). */
export interface SourceEntry {
  path: string;
  size?: number;
  dir?: boolean;
  /** Why the listing already rules this entry out (ignored by git, linguist-generated, …). */
  skip?: string;
}

/** Where files come from: a node:fs walk (CLI), vscode.workspace (extension), memory (tests). */
export interface FileSource {
  /** Candidate files, relative paths with forward slashes. */
  list(): Promise<SourceEntry[]>;
  read(path: string): Promise<Uint8Array>;
  /** true when list() already applied the ignore files (git's file set, the ignore-aware walker). */
  readonly ignoresApplied?: boolean;
  /** PR mode: what changed in each listed file against the base. */
  diffOf?(path: string): FileDiff | undefined;
}

/**
 * A file that will be reviewed (or answered from the cache). Its bytes are read when it is sent
 * (`loadPlanned`), not when it is planned: a big repository never sits in memory at once.
 */
export interface PlannedFile {
  path: string;
  language: string;
  /** Bytes on disk when the listing knew it (the estimate uses it). */
  size?: number;
  read(): Promise<Uint8Array>;
  /** PR mode: the lines changed against the base. */
  diff?: FileDiff;
  /** The repository review rules for this file (sent after the fixed instructions; part of the cache key). */
  rules?: string;
}

/** A planned file read and checked: its text and the sha256 of its bytes. */
export interface LoadedFile {
  path: string;
  language: string;
  text: string;
  hash: string;
  diff?: FileDiff;
  rules?: string;
}

export interface ReviewPlan {
  files: PlannedFile[];
  skipped: FileResult[];
  /** Files read at send time that turn out larger than this are skipped (default 300,000). */
  maxFileBytes?: number;
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
  /** Set while the latest attempts failed (no success since): the error kind, and requests waiting to retry. */
  trouble?: { kind: ErrorKind; waiting: number };
}
