// Words and numbers shown in the view (pure: unit-tested in Node).
import type { MessageMeta } from '../protocol';

/** 12,345 (by hand: the first toLocaleString call loads ICU data, ~20 ms in the first frame). */
export const formatInt = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const int = formatInt;

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

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function relativeTime(at: number, now: number): string {
  const min = Math.floor((now - at) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const hours = Math.floor(min / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(at).toISOString().slice(0, 10);
}

/** A question long enough to be collapsed behind "Show more" (no layout needed to decide). */
export function isLongQuestion(text: string): boolean {
  if (text.length > 600) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > 8) return true;
  return false;
}
