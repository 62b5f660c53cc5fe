// Usage as relays report it -> Usage (relay-protocol.md, "Usage details and cost").
import { isObject } from '../relay/json';
import type { Usage } from '../relay/types';

/** A relay's `usage` object -> Usage; null when absent or not an object. */
export function usageOf(v: unknown): Usage | null {
  if (!isObject(v)) return null;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  const promptTokens = num(v.prompt_tokens);
  const completionTokens = num(v.completion_tokens);
  const total = typeof v.total_tokens === 'number' ? v.total_tokens : promptTokens + completionTokens;
  return { promptTokens, completionTokens, totalTokens: total, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}
