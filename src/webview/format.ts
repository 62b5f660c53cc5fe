// Words and numbers shown in the view (pure: unit-tested in Node).
import type { MessageMeta } from '../protocol';

const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatCost(meta: Pick<MessageMeta, 'costUsd' | 'costEstimated'>): string {
  if (meta.costUsd === null) return 'cost unknown';
  const usd = meta.costUsd === 0 ? '$0' : meta.costUsd < 0.01 ? `$${meta.costUsd.toPrecision(2)}` : `$${meta.costUsd.toFixed(3)}`;
  return meta.costEstimated ? `${usd} estimated` : usd;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "gpt-4.1 · 120 in / 45 out tokens · $0.0012 · first token 310 ms". */
export function formatMeta(meta: MessageMeta): string {
  const approx = meta.tokensEstimated ? '~' : '';
  const parts = [meta.model];
  const tokens = [
    meta.promptTokens === null ? '' : `${approx}${int(meta.promptTokens)} in`,
    meta.completionTokens === null ? '' : `${approx}${int(meta.completionTokens)} out`,
  ].filter(Boolean);
  if (tokens.length) parts.push(`${tokens.join(' / ')} tokens`);
  parts.push(formatCost(meta));
  if (meta.ttftMs !== null) parts.push(`first token ${formatMs(meta.ttftMs)}`);
  return parts.join(' · ');
}

/** Whole seconds left until `at` (epoch ms), never negative. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Only http(s) links leave the view (the host checks again). */
export function isWebLink(href: string): boolean {
  return /^https?:\/\//i.test(href);
}
