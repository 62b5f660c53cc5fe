// A relay with a real rate limit, for the simulator: a token bucket of `ratePerSec` requests per
// second holding at most `burst`. A request that finds a token is answered by `reply`; one that
// finds the bucket empty gets 429 with Retry-After (whole seconds, rounded up) and, unless
// `headers` is false, the x-ratelimit-* headers OpenAI sends:
//   x-ratelimit-limit-requests      the bucket size
//   x-ratelimit-remaining-requests  whole tokens left after this request
//   x-ratelimit-reset-requests      time until the bucket is full again ("850ms", "1.2s")
//
//   const limited = rateLimitedResponder({ ratePerSec: 20, burst: 10, reply: todoReply });
//   sim.setResponder(limited.responder);
import type { Responder, Scenario } from './simulator';

export interface RateLimitedOptions {
  ratePerSec: number;
  burst: number;
  /** false: only Retry-After on a 429, no x-ratelimit-* anywhere (default true). */
  headers?: boolean;
  reply: Responder;
  now?: () => number;
}

export interface RateLimited {
  responder: Responder;
  /** Requests answered by `reply` / answered 429. */
  readonly accepted: number;
  readonly throttled: number;
}

/** Go-style duration the way OpenAI writes it: "850ms", "1.2s", "1m0.5s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number(s.toFixed(2))}s`;
  return `${Math.floor(s / 60)}m${Number((s % 60).toFixed(2))}s`;
}

export function rateLimitedResponder(o: RateLimitedOptions): RateLimited {
  const now = o.now ?? (() => performance.now());
  let tokens = o.burst;
  let last = now();
  const stats = { accepted: 0, throttled: 0 };
  const limitHeaders = (): Record<string, string> =>
    o.headers === false
      ? {}
      : {
          'x-ratelimit-limit-requests': String(o.burst),
          'x-ratelimit-remaining-requests': String(Math.floor(tokens)),
          'x-ratelimit-reset-requests': formatDuration(((o.burst - tokens) / o.ratePerSec) * 1000),
        };
  const responder: Responder = async (req) => {
    const t = now();
    tokens = Math.min(o.burst, tokens + ((t - last) / 1000) * o.ratePerSec);
    last = t;
    if (tokens < 1) {
      stats.throttled++;
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / o.ratePerSec));
      const headers = { 'retry-after': String(retryAfter), ...limitHeaders() };
      return { status: 429, headers, body: { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } } } satisfies Scenario;
    }
    tokens -= 1;
    stats.accepted++;
    const headers = limitHeaders();
    const scenario = await o.reply(req);
    return { ...scenario, headers: { ...headers, ...scenario.headers } };
  };
  return {
    responder,
    get accepted() {
      return stats.accepted;
    },
    get throttled() {
      return stats.throttled;
    },
  };
}
