// The `--format text` report: one line per finding and per failed file, then what was covered
// (skipped and cut files named, reviewed ones listed), the rules used, the totals and the counts
// by severity.
import { formatUsageCost } from '../models/format';
import { coverageOf, percent, rulesText, summaryNotes, type ReportContext } from './coverage';
import { countBySeverity } from './summary';
import type { ReviewReport } from './types';

/** Names listed on the "reviewed" line at most (the JSON report has them all). */
const MAX_NAMES = 50;

function names(list: string[]): string {
  return list.length <= MAX_NAMES ? list.join(', ') : `${list.slice(0, MAX_NAMES).join(', ')} …and ${list.length - MAX_NAMES} more (see --format json)`;
}

export function toText(r: ReviewReport, opts: { shard?: string } & ReportContext = {}): string {
  const lines: string[] = [];
  for (const f of r.files) {
    for (const x of f.findings) {
      const where = x.endLine && x.endLine !== x.line ? `${x.line}-${x.endLine}` : `${x.line}`;
      const conf = x.confidence !== undefined ? ` (confidence ${x.confidence.toFixed(2)})` : '';
      lines.push(`${f.path}:${where}: ${x.severity}: ${x.message}${x.rule ? ` [${x.rule}]` : ''}${conf}`);
    }
    if (f.status === 'failed' && f.errorKind !== 'cancelled') lines.push(`${f.path}: failed [${f.errorKind}]: ${f.reason}`);
  }
  const c = coverageOf(r, opts);
  const s = r.summary;
  if (c.reviewed.length || c.cached.length) lines.push(`reviewed (${c.reviewed.length + c.cached.length}): ${names([...c.reviewed, ...c.cached.map((p) => `${p} (cached)`)])}`);
  for (const x of c.cut) lines.push(`cut: ${x.path} (${percent(x.sent)} of its lines sent: the parts with changes)`);
  for (const x of c.skipped) lines.push(`skipped: ${x.path} (${x.reason})`);
  if (c.cancelled.length) lines.push(`not reviewed (cancelled) (${c.cancelled.length}): ${names(c.cancelled)}`);
  const rules = rulesText(c.rules);
  if (rules) lines.push(`rules: ${rules}`);
  for (const note of summaryNotes(s)) lines.push(`note: ${note}`);
  const failed = s.failed - c.cancelled.length;
  const counts = [`${s.reviewed} reviewed`, `${s.cached} cached`, `${s.skipped} skipped`, `${failed} failed`, ...(c.cancelled.length ? [`${c.cancelled.length} not reviewed (cancelled)`] : [])];
  lines.push(`${s.files} file(s)${opts.shard ? ` (${opts.shard})` : ''}: ${counts.join(', ')}; ${s.findings} finding(s); ${formatUsageCost(s, s.costUsd)}, ${s.requests} request(s), ${(s.durationMs / 1000).toFixed(1)} s`);
  const sev = countBySeverity(r.files);
  lines.push(`By severity: ${sev.error} error(s), ${sev.warning} warning(s), ${sev.info} info`);
  return lines.join('\n') + '\n';
}
