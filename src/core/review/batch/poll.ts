// The poll interval for GET /batches/{id}: a growing wait (first --batch-poll-ms, then
// x1.5 per poll up to a minute, never more often than once a second) until a terminal status.

export const DEFAULT_POLL_MS = 5_000;
export const MIN_POLL_MS = 1_000;
export const MAX_POLL_MS = 60_000;

/** The wait before poll n (0-based). */
export function pollDelay(n: number, firstMs: number = DEFAULT_POLL_MS): number {
  const first = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, firstMs));
  return Math.min(MAX_POLL_MS, Math.round(first * 1.5 ** n));
}

