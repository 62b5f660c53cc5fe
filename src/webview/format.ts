// Words and numbers shown in the view (pure: unit-tested in Node).
import type { MessageMeta } from '../protocol';
import { formatCost, formatInt, formatTokens } from '../core/models/format';

export { formatInt, formatCost } from '../core/models/format';

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "gpt-5 · 1,200 in (1,024 cached) · 300 out (256 reasoning) · $0.0031 · first token 310 ms". */
export function formatMeta(meta: MessageMeta): string {
  const approx = meta.tokensEstimated ? '~' : '';
  const parts = [meta.model];
  if (meta.promptTokens !== null && meta.completionTokens !== null) {
    parts.push(formatTokens({ ...meta, promptTokens: meta.promptTokens, completionTokens: meta.completionTokens }, meta.tokensEstimated));
  } else {
    if (meta.promptTokens !== null) parts.push(`${approx}${formatInt(meta.promptTokens)} in`);
    if (meta.completionTokens !== null) parts.push(`${approx}${formatInt(meta.completionTokens)} out`);
  }
  parts.push(formatCost(meta.costUsd, meta.costEstimated));
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
