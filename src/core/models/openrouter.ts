// Prices and context lengths a relay publishes on GET /models (OpenRouter's shape):
// `pricing.prompt` / `completion` / `input_cache_read` / `input_cache_write` in USD per token, as strings,
// and `context_length`. Read into ModelInfo in USD per million tokens.
import { isObject } from '../relay/json';
import type { ModelInfo } from '../relay/types';

/** USD per token (string or number) -> USD per million; undefined when absent, not a number, or negative (OpenRouter's "-1" = variable). */
function perMillion(x: unknown): number | undefined {
  const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : typeof x === 'number' ? x : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.round(n * 1e6 * 1e6) / 1e6; // per million, without float noise (0.000003 -> 3)
}

/** The pricing and context window of one /models entry; {} when it publishes neither. */
export function publishedInfoOf(entry: unknown): Pick<ModelInfo, 'pricing' | 'contextWindow'> {
  if (!isObject(entry)) return {};
  const out: Pick<ModelInfo, 'pricing' | 'contextWindow'> = {};
  const p = entry.pricing;
  if (isObject(p)) {
    const input = perMillion(p.prompt);
    const output = perMillion(p.completion);
    if (input !== undefined && output !== undefined) {
      out.pricing = { input, output };
      const cachedInput = perMillion(p.input_cache_read);
      const cacheWrite = perMillion(p.input_cache_write);
      if (cachedInput !== undefined) out.pricing.cachedInput = cachedInput;
      if (cacheWrite !== undefined) out.pricing.cacheWrite = cacheWrite;
    }
  }
  const ctx = entry.context_length;
  if (typeof ctx === 'number' && Number.isInteger(ctx) && ctx > 0) out.contextWindow = ctx;
  return out;
}
