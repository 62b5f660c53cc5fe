// The relay's rate-limit headers (OpenAI, Groq, OpenRouter-style relays):
//   x-ratelimit-limit-requests / -tokens       the budget
//   x-ratelimit-remaining-requests / -tokens   what is left of it
//   x-ratelimit-reset-requests / -tokens       until the budget is full again: "2m59.56s", "1s",
//                                              "850ms", plain seconds ("20", "0.5"), or a Unix time
import type { HeaderBag } from './classify';

/** What the relay said about its budget; each field only when the relay sent it (and it parsed). */
export interface RateLimitInfo {
  limitRequests?: number;
  remainingRequests?: number;
  /** ms until the request budget is full again. */
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  /** ms until the token budget is full again. */
  resetTokensMs?: number;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
/** Plain numbers above this are Unix times in seconds, not durations. */
const UNIX_SECONDS = 1_000_000_000;

/** A duration in ms: Go-style ("1h2m3.5s", "850ms"), plain seconds, or a Unix time; null when unreadable. */
export function parseDuration(text: string | undefined, now: number = Date.now()): number | null {
  const s = text?.trim().toLowerCase();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n > UNIX_SECONDS ? Math.max(0, n * 1000 - now) : n * 1000;
  }
  let ms = 0;
  let end = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    ms += Number(m[1]) * UNIT_MS[m[2]];
    end = PART.lastIndex;
  }
  return end === s.length && end > 0 ? ms : null;
}

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function count(headers: HeaderBag, name: string): number | undefined {
  const v = header(headers, name)?.trim();
  return v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
}

/** The x-ratelimit-* headers of a response (names lower-case, as node gives them); null when none parsed. */
export function rateLimitOf(headers: HeaderBag, now: number = Date.now()): RateLimitInfo | null {
  const info: RateLimitInfo = {};
  const set = <K extends keyof RateLimitInfo>(key: K, value: number | null | undefined) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) info[key] = value;
  };
  set('limitRequests', count(headers, 'x-ratelimit-limit-requests'));
  set('remainingRequests', count(headers, 'x-ratelimit-remaining-requests'));
  set('resetRequestsMs', parseDuration(header(headers, 'x-ratelimit-reset-requests'), now));
  set('limitTokens', count(headers, 'x-ratelimit-limit-tokens'));
  set('remainingTokens', count(headers, 'x-ratelimit-remaining-tokens'));
  set('resetTokensMs', parseDuration(header(headers, 'x-ratelimit-reset-tokens'), now));
  return Object.keys(info).length ? info : null;
}
