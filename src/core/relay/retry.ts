// Retry policy: exponential backoff with full jitter, the server's hint as a floor, a cap per wait.
import { makeError } from './classify';
import type { RelayErrorInfo } from './types';

export interface BackoffOptions {
  /** The first wait's ceiling (default 500 ms); it doubles per attempt. */
  baseMs?: number;
  /** The longest single wait (default 60 s); also caps the server's hint. */
  maxWaitMs?: number;
  /** Uniform [0, 1) source (injectable for tests). */
  random?: () => number;
}

export const DEFAULT_RETRY_BASE_MS = 500;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/** How long to wait after failed attempt `attempt` (1-based): full jitter, hint as floor, capped. */
export function backoffDelay(attempt: number, err: Pick<RelayErrorInfo, 'retryAfterMs'> | null, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? DEFAULT_RETRY_BASE_MS;
  const cap = opts.maxWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.round(random() * ceiling);
  const hint = err?.retryAfterMs ?? 0;
  return Math.min(cap, Math.max(jitter, hint));
}

export function cancelledError(): ReturnType<typeof makeError> {
  return makeError({ kind: 'cancelled', status: null });
}

/** Waits ms; an abort ends the wait at once with a `cancelled` RelayError. */
export function waitOrCancel(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
