// The shape every benchmark module returns, and the table printer.
// A module `bench/<name>.ts` exports `async function run(): Promise<BenchSection>`.

export interface BenchRow {
  /** What was measured, e.g. "CPU per delta, ours / raw". */
  name: string;
  value: number;
  /** Unit of `value`: 'ms', 'µs', 'B', 'x', 'sockets', ... */
  unit: string;
  /** The value as a ratio against a baseline measured in the same run. */
  ratio?: number;
  /** The target, in words, e.g. "<= 1.0x raw". */
  target?: string;
  /** Whether the target was met (absent: no target). Never fails the run. */
  pass?: boolean;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** Free-form lines printed under the table (setup, caveats). */
  notes?: string[];
}

/** A number with a sensible count of digits for a table cell. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs === 0) return '0';
  if (abs >= 999.5 || Number.isInteger(n)) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3); // three significant digits: 384, 13.6, 2.42, 0.120
}

/** A ratio with two decimals below 10 (1.00x, 0.35x), else as a number. */
export function formatRatio(r: number): string {
  return `${Math.abs(r) < 10 ? r.toFixed(2) : formatNumber(r)}x`;
}

function verdict(row: BenchRow): string {
  if (row.pass === undefined) return '';
  return row.pass ? 'PASS' : 'MISS';
}

/** The section as an aligned plain-text table. */
export function formatSection(section: BenchSection): string {
  const header = ['measure', 'value', 'ratio', 'target', ''];
  const cells = section.rows.map((r) => [r.name, `${formatNumber(r.value)} ${r.unit}`.trim(), r.ratio === undefined ? '' : formatRatio(r.ratio), r.target ?? '', verdict(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 1 || i === 2 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`== ${section.title}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  for (const note of section.notes ?? []) out.push(`   ${note}`);
  return out.join('\n');
}

/** Middle value of a list of numbers (mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
