// The `--format markdown` report, for a pull request comment or a CI job summary: counts by
// severity, a table of findings with file:line links, failed files, skipped files by reason.
import { formatUsd } from '../models/format';
import { coverageOf, percent, rulesText, summaryNotes, type ReportContext } from './coverage';
import { countBySeverity } from './summary';
import type { FileResult, ReviewReport, Severity } from './types';

export interface MarkdownOptions extends ReportContext {
  /** Prefix of file links, e.g. `https://github.com/o/r/blob/<sha>/`; default: links relative to the root. */
  linkBase?: string;
  /** e.g. "shard 2/4". */
  shard?: string;
  /** Findings listed in the table at most (the rest counted). */
  maxRows?: number;
}

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Text safe inside a table cell: no line breaks, pipes escaped, HTML-ish brackets neutralised. */
function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();
}

function link(path: string, line: number, endLine: number | undefined, base: string): string {
  const url = `${base}${path.split('/').map(encodeURIComponent).join('/')}#L${line}${endLine && endLine !== line ? `-L${endLine}` : ''}`;
  return `[${cell(path)}:${line}](${url})`;
}

function skippedByReason(files: FileResult[]): string[] {
  const counts = new Map<string, number>();
  for (const f of files) {
    const reason = (f.reason ?? 'skipped').replace(/, line \d+$/, '').replace(/ \([^)]*\/\)$/, '').replace(/\(\d+ bytes\)/, '').trim();
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `- ${cell(reason)}: ${n}`);
}

/** A list under a heading, folded (<details>) when longer than a few lines; nothing when empty. */
function section(out: string[], title: string, lines: string[], max: number): void {
  const items = lines.filter((l) => l.startsWith('- '));
  if (!items.length) return;
  const shown = lines.length > max ? [...lines.slice(0, max), `- …and ${lines.length - max} more (see the JSON report)`] : lines;
  if (items.length <= FOLD_AFTER) out.push(`**${title}**`, '', ...shown, '');
  else out.push(`<details><summary>${title}</summary>`, '', ...shown, '', '</details>', '');
}

/** Lists longer than this are folded. */
const FOLD_AFTER = 5;

export function toMarkdown(r: ReviewReport, opts: MarkdownOptions = {}): string {
  const s = r.summary;
  const sev = countBySeverity(r.files);
  const base = opts.linkBase ?? '';
  const maxRows = opts.maxRows ?? 500;
  const out = [`## Relay Review${opts.shard ? ` (${opts.shard})` : ''}`, ''];
  out.push(`**${s.findings} finding(s)**: ${sev.error} error(s), ${sev.warning} warning(s), ${sev.info} info.`);
  const c = coverageOf(r, opts);
  const failedCount = s.failed - c.cancelled.length;
  const cancelledText = c.cancelled.length ? `, ${c.cancelled.length} not reviewed (cancelled)` : '';
  out.push(`${s.files} file(s): ${s.reviewed} reviewed, ${s.cached} cached, ${s.skipped} skipped, ${failedCount} failed${cancelledText} · ${s.requests} request(s), ${formatUsd(s.costUsd)}, ${(s.durationMs / 1000).toFixed(1)} s.`);
  for (const note of summaryNotes(s)) out.push(`${note.charAt(0).toUpperCase()}${note.slice(1)}.`);
  const rules = rulesText(c.rules);
  if (rules) out.push(`Review rules: ${cell(rules)}.`);
  out.push('');
  const rows = r.files.flatMap((f) => f.findings.map((x) => ({ f, x }))).sort((a, b) => RANK[a.x.severity] - RANK[b.x.severity]);
  if (rows.length) {
    out.push('| Severity | Where | Finding | Rule |', '| --- | --- | --- | --- |');
    for (const { f, x } of rows.slice(0, maxRows)) out.push(`| ${ICON[x.severity]} | ${link(f.path, x.line, x.endLine, base)} | ${cell(x.message)} | ${cell(x.rule ?? '')} |`);
    if (rows.length > maxRows) out.push('', `…and ${rows.length - maxRows} more finding(s) (see the JSON or SARIF report).`);
    out.push('');
  }
  const code = (p: string) => `\`${p.replace(/`/g, "'")}\``;
  section(out, `${c.failed.length} file(s) failed`, c.failed.map((f) => `- ${code(f.path)} (${f.errorKind}): ${cell(f.reason)}`), maxRows);
  section(out, `${c.cancelled.length} file(s) not reviewed (cancelled)`, c.cancelled.map((p) => `- ${code(p)}`), maxRows);
  section(out, `${c.skipped.length} skipped`, [...skippedByReason(r.files.filter((f) => f.status === 'skipped')), '', ...c.skipped.map((x) => `- ${code(x.path)}: ${cell(x.reason)}`)], maxRows);
  section(out, `${c.cut.length} cut (only the parts with changes sent)`, c.cut.map((x) => `- ${code(x.path)}: ${percent(x.sent)} of its lines sent`), maxRows);
  const reviewed = [...c.reviewed.map((p) => `- ${code(p)}`), ...c.cached.map((p) => `- ${code(p)} (cached)`)];
  section(out, `${reviewed.length} file(s) reviewed`, reviewed, maxRows);
  return out.join('\n');
}
