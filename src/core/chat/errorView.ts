// A failed answer in plain words with the buttons that fix it (advice shared with
// notifications: src/core/errorText.ts), plus the automatic retry time of rate limits.
import { adviceFor } from '../errorText';
import type { ErrorKind } from '../relay/types';
import type { ErrorView } from '../../protocol';

export interface FailureInfo {
  kind: string;
  message: string;
  code?: string | null;
  retryAfterMs?: number | null;
}

/** Wait before the automatic retry of a rate-limited answer when the relay gives no hint. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 10_000;
/** Longest automatic wait (a longer hint still shows, but the retry is left to the user). */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;
const DETAIL_MAX = 300;

/** `now` is epoch ms. A retryable rate limit gets `retryAt`: the host retries then on its own. */
export function errorViewFor(f: FailureInfo, now: number): ErrorView {
  const advice = adviceFor({ kind: f.kind as ErrorKind, code: f.code ?? null, retryAfterMs: f.retryAfterMs ?? null, message: f.message });
  const wait = f.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
  const autoRetry = f.kind === 'rate_limit' && advice.actions.includes('retry') && wait <= MAX_RATE_LIMIT_WAIT_MS;
  const words = advice.detail !== undefined ? advice.detail : f.message;
  const detail = words ? words.slice(0, DETAIL_MAX) : null;
  return { kind: f.kind, message: advice.text, actions: advice.actions, detail: detail === advice.text ? null : detail, retryAt: autoRetry ? now + wait : null };
}
