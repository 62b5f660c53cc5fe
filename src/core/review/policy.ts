// What a report shows of the findings: suppressions (inline and the repository's file), severity
// and confidence thresholds, a baseline (only what is new), and a cap per file (most severe first).
// Every finding left out is counted by reason, so a report never hides silently.
//
// Findings without a confidence (relays whose models ignore the field) pass the confidence
// threshold: dropping them would silently empty the review on such models, while treating them as
// certain would rank guesses above rated findings. They are kept, ranked as if they had exactly
// the threshold, and counted as `unrated` in the summary.
import { SEVERITY_RANK } from './summary';
import type { Baseline } from './baseline';
import type { SuppressionMatcher } from './suppress';
import type { FileResult, Finding, HiddenCounts, ReviewReport, Severity } from './types';

export const DEFAULT_MIN_CONFIDENCE = 0.6;
export const DEFAULT_MAX_FINDINGS_PER_FILE = 8;

export interface ReportPolicy {
  /** 0-1 (default 0.6); findings rated below are hidden. */
  minConfidence?: number;
  /** Findings less severe are hidden (default info: none). */
  minSeverity?: Severity;
  /** Findings shown per file at most, most severe first (default 8; 0: no cap). */
  maxFindingsPerFile?: number;
  suppressions?: SuppressionMatcher;
  baseline?: Baseline;
  /** With a baseline: keep unchanged findings, marked `baselineState: unchanged` (default: hidden, counted). */
  showUnchanged?: boolean;
}

export function noneHidden(): HiddenCounts {
  return { lowConfidence: 0, belowSeverity: 0, overCap: 0, suppressed: 0, unchanged: 0 };
}

/** Applies a policy file by file (the extension filters each file as it finishes); keeps the counts. */
export class FindingFilter {
  readonly hidden = noneHidden();
  unrated = 0;
  private readonly minConfidence: number;
  private readonly minSeverity: Severity;
  private readonly cap: number;

  constructor(private readonly policy: ReportPolicy = {}) {
    this.minConfidence = policy.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.minSeverity = policy.minSeverity ?? 'info';
    this.cap = policy.maxFindingsPerFile ?? DEFAULT_MAX_FINDINGS_PER_FILE;
  }

  /** The findings this file's report shows. */
  findings(path: string, all: Finding[]): Finding[] {
    const kept: Finding[] = [];
    for (const f of all) {
      if (f.suppressed || this.policy.suppressions?.(path, f)) this.hidden.suppressed++;
      else if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[this.minSeverity]) this.hidden.belowSeverity++;
      else if (f.confidence !== undefined && f.confidence < this.minConfidence) this.hidden.lowConfidence++;
      else kept.push(this.withBaseline(path, f));
    }
    const shown = kept.filter((f) => {
      if (f.baselineState !== 'unchanged' || this.policy.showUnchanged) return true;
      this.hidden.unchanged++;
      return false;
    });
    const ranked = [...shown].sort((a, b) => this.rank(b) - this.rank(a) || a.line - b.line);
    const capped = this.cap > 0 ? ranked.slice(0, this.cap) : ranked;
    this.hidden.overCap += ranked.length - capped.length;
    this.unrated += capped.filter((f) => f.confidence === undefined).length;
    return capped;
  }

  file(r: FileResult): FileResult {
    return r.findings.length ? { ...r, findings: this.findings(r.path, r.findings) } : r;
  }

  /** The report as shown: filtered files, the summary's findings count and the hidden counts. */
  report(r: ReviewReport): ReviewReport {
    return this.withFiltered(r, new Map(r.files.map((f) => [f.path, this.file(f)])));
  }

  /** The report from files this filter already took one by one (`filtered`; others pass as they are). */
  withFiltered(r: ReviewReport, filtered: Map<string, FileResult>): ReviewReport {
    const files = r.files.map((f) => filtered.get(f.path) ?? f);
    return { files, summary: { ...r.summary, findings: files.reduce((n, f) => n + f.findings.length, 0), hidden: { ...this.hidden }, unrated: this.unrated } };
  }

  /** New before unchanged, then severity, then confidence (unrated as the threshold). */
  private rank(f: Finding): number {
    const fresh = f.baselineState === 'unchanged' ? 0 : 10;
    return fresh + SEVERITY_RANK[f.severity] + (f.confidence ?? this.minConfidence) / 2;
  }

  private withBaseline(path: string, f: Finding): Finding {
    if (!this.policy.baseline) return f;
    return { ...f, baselineState: this.policy.baseline.has(path, f) ? 'unchanged' : 'new' };
  }
}
