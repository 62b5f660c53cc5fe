// The `--format text` report: one line per finding and per failed file, then the totals and the
// counts by severity.
import { countBySeverity } from './summary';
import type { ReviewReport } from './types';

export function toText(r: ReviewReport, opts: { shard?: string } = {}): string {
  const lines: string[] = [];
  for (const f of r.files) {
    for (const x of f.findings) {
      const where = x.endLine && x.endLine !== x.line ? `${x.line}-${x.endLine}` : `${x.line}`;
      lines.push(`${f.path}:${where}: ${x.severity}: ${x.message}${x.rule ? ` [${x.rule}]` : ''}`);
    }
    if (f.status === 'failed') lines.push(`${f.path}: ${f.errorKind === 'cancelled' ? 'cancelled' : 'failed'} [${f.errorKind}]: ${f.reason}`);
  }
  const s = r.summary;
  const sev = countBySeverity(r.files);
  lines.push(`${s.files} file(s)${opts.shard ? ` (${opts.shard})` : ''}: ${s.reviewed} reviewed, ${s.cached} cached, ${s.skipped} skipped, ${s.failed} failed; ${s.findings} finding(s); ${s.promptTokens + s.completionTokens} tokens, $${s.costUsd.toFixed(4)}, ${s.requests} request(s), ${(s.durationMs / 1000).toFixed(1)} s`);
  lines.push(`By severity: ${sev.error} error(s), ${sev.warning} warning(s), ${sev.info} info`);
  return lines.join('\n') + '\n';
}
