// The one place tokens and money are worded: under chat answers, in the status bar, review summaries and the CLI.
// Pure and dependency-free (the webview bundles it too).

/** 12,345 (by hand: the first toLocaleString call loads ICU data, ~20 ms in the webview's first frame). */
export const formatInt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "$0", "$0.0031" (two significant digits below a cent), "$0.42", "$0.1235", "$12.50", "$1,234.00". */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '$?';
  if (usd < 0) return `-${formatUsd(-usd)}`;
  if (usd === 0) return '$0';
  if (usd < 0.00000001) return '<$0.00000001';
  if (usd < 0.01) return `$${trimZeros(usd.toFixed(Math.ceil(-Math.log10(usd)) + 1), 0)}`;
  if (usd < 1) return `$${trimZeros(usd.toFixed(4), 2)}`;
  const [whole, cents] = usd.toFixed(2).split('.');
  return `$${formatInt(Number(whole))}.${cents}`;
}

/** Drops trailing zeros after the point, keeping at least `keep` decimals. */
function trimZeros(fixed: string, keep: number): string {
  const [whole, frac = ''] = fixed.split('.');
  let f = frac;
  while (f.length > keep && f.endsWith('0')) f = f.slice(0, -1);
  return f ? `${whole}.${f}` : whole;
}

/** "$0.0031", "$0.0031 estimated", or "cost unknown" when no price is known. */
export function formatCost(usd: number | null, estimated = false): string {
  if (usd === null) return 'cost unknown';
  return estimated ? `${formatUsd(usd)} estimated` : formatUsd(usd);
}

/** Token counts as a Usage carries them (details optional: 0 or absent = none reported). */
export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

/** "1,200 in (1,024 cached) · 300 out (256 reasoning)"; "~" before estimated counts. */
export function formatTokens(u: TokenCounts, estimated = false): string {
  const approx = estimated ? '~' : '';
  const inDetail = [u.cachedPromptTokens ? `${formatInt(u.cachedPromptTokens)} cached` : '', u.cacheWriteTokens ? `${formatInt(u.cacheWriteTokens)} written to cache` : ''].filter(Boolean);
  const input = `${approx}${formatInt(u.promptTokens)} in${inDetail.length ? ` (${inDetail.join(', ')})` : ''}`;
  const output = `${approx}${formatInt(u.completionTokens)} out${u.reasoningTokens ? ` (${formatInt(u.reasoningTokens)} reasoning)` : ''}`;
  return `${input} · ${output}`;
}

/** "1,200 in (1,024 cached) · 300 out (256 reasoning) · $0.0031". */
export function formatUsageCost(u: TokenCounts, costUsd: number | null, opts: { tokensEstimated?: boolean; costEstimated?: boolean } = {}): string {
  return `${formatTokens(u, opts.tokensEstimated)} · ${formatCost(costUsd, opts.costEstimated)}`;
}

/** A price table entry: "$2.00 / $8.00 per 1M tokens" (input / output; two significant digits below a cent). */
export function formatPricePerMillion(p: { input: number; output: number }): string {
  const usd = (n: number) => (n === 0 ? '$0' : n < 0.01 ? `$${n.toPrecision(2)}` : `$${n.toFixed(2)}`);
  return `${usd(p.input)} / ${usd(p.output)} per 1M tokens`;
}
