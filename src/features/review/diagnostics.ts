// The "Relay Review" diagnostics collection: findings -> Problems view, with the suggestion kept
// for the quick fixes. Re-reviewing a file replaces its diagnostics; a failed file keeps them;
// files deleted since are dropped after the next review.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/review/types';

export const REVIEW_SOURCE = 'Relay Review';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A review diagnostic that carries its finding (for the quick fix). */
export class ReviewDiagnostic extends vscode.Diagnostic {
  constructor(readonly finding: Finding) {
    // Whole lines: from the start of `line` to the end of `endLine` (clamped by the editor).
    super(new vscode.Range(finding.line - 1, 0, (finding.endLine ?? finding.line) - 1, Number.MAX_SAFE_INTEGER), finding.message, SEVERITY[finding.severity]);
    this.source = REVIEW_SOURCE;
    if (finding.rule) this.code = finding.rule;
  }
}

export class ReviewDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(REVIEW_SOURCE);

  /** Replaces the file's diagnostics with these findings. */
  replace(uri: vscode.Uri, findings: Finding[]): void {
    this.collection.set(uri, findings.map((f) => new ReviewDiagnostic(f)));
  }

  /**
   * The finding behind a diagnostic the editor hands back (code actions get copies, not our
   * objects): matched by source, first line and message.
   */
  findingOf(uri: vscode.Uri, d: vscode.Diagnostic): Finding | undefined {
    if (d.source !== REVIEW_SOURCE) return undefined;
    const ours = (this.collection.get(uri) ?? []) as readonly vscode.Diagnostic[];
    const match = ours.find((o) => o.message === d.message && o.range.start.line === d.range.start.line);
    return match instanceof ReviewDiagnostic ? match.finding : undefined;
  }

  /** Drops one finding's diagnostic (dismissed). */
  remove(uri: vscode.Uri, finding: Finding): void {
    const ours = (this.collection.get(uri) ?? []) as readonly vscode.Diagnostic[];
    this.collection.set(uri, ours.filter((d) => !(d instanceof ReviewDiagnostic && d.finding.fingerprint === finding.fingerprint && d.finding.line === finding.line && d.finding.message === finding.message)));
  }

  /** Drops a file's diagnostics (deleted, or skipped now). */
  delete(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  /** Drops the diagnostics of files that no longer exist (deleted since they were reviewed); how many files. */
  async removeMissing(): Promise<number> {
    const uris: vscode.Uri[] = [];
    this.collection.forEach((uri) => void uris.push(uri));
    let removed = 0;
    for (const uri of uris) {
      if (uri.scheme === 'untitled') continue;
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        this.collection.delete(uri);
        removed++;
      }
    }
    return removed;
  }

  /** How many diagnostics a file keeps (after a failed re-review). */
  count(uri: vscode.Uri): number {
    return this.collection.get(uri)?.length ?? 0;
  }

  clear(): void {
    this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }
}
