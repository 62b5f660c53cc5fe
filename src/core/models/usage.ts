// Usage as relays report it -> Usage (relay-protocol.md, "Usage details and cost").
//
// Shapes read: chat completions (`prompt_tokens`, `completion_tokens`, `total_tokens`,
// `prompt_tokens_details.cached_tokens` / `.cache_write_tokens`, `completion_tokens_details.reasoning_tokens`),
// DeepSeek (`prompt_cache_hit_tokens` / `prompt_cache_miss_tokens`), Anthropic-style (`cache_read_input_tokens`,
// `cache_creation_input_tokens`, in a chat usage or Anthropic's own `input_tokens` one), and the Responses API
// (`input_tokens`, `output_tokens`, `input_tokens_details.cached_tokens`, `output_tokens_details.reasoning_tokens`).
//
// Usage.promptTokens counts every input token and completionTokens every output token. OpenAI counts cached
// tokens inside the prompt and reasoning inside the completion; some relays count them outside. When
// `total_tokens` exceeds prompt + completion, the difference is put where the detail fields say: cache
// reads/writes are added to the prompt, reasoning to the output (with no detail at all, it is unreported
// reasoning: Gemini's thoughts). Without a total, details larger than their part were counted outside it.
import { isObject } from '../relay/json';
import type { Usage } from '../relay/types';

type Obj = Record<string, unknown>;

const count = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.round(x) : undefined);
const field = (o: unknown, key: string): number | undefined => (isObject(o) ? count(o[key]) : undefined);
const firstObject = (...xs: unknown[]): Obj | undefined => xs.find(isObject) as Obj | undefined;

/** A relay's `usage` object -> Usage; null when absent or not an object. */
export function usageOf(v: unknown): Usage | null {
  if (!isObject(v)) return null;
  const promptDetails = firstObject(v.prompt_tokens_details, v.input_tokens_details);
  const outputDetails = firstObject(v.completion_tokens_details, v.output_tokens_details);

  const hit = count(v.prompt_cache_hit_tokens);
  const miss = count(v.prompt_cache_miss_tokens);
  let prompt = count(v.prompt_tokens) ?? count(v.input_tokens) ?? (hit !== undefined || miss !== undefined ? (hit ?? 0) + (miss ?? 0) : 0);
  let completion = count(v.completion_tokens) ?? count(v.output_tokens) ?? 0;
  // The same cache read may be reported under two names (LiteLLM sends both): the largest, never the sum.
  const cached = Math.max(field(promptDetails, 'cached_tokens') ?? 0, hit ?? 0, count(v.cache_read_input_tokens) ?? 0);
  const writes = Math.max(field(promptDetails, 'cache_write_tokens') ?? 0, count(v.cache_creation_input_tokens) ?? 0);
  let reasoning = field(outputDetails, 'reasoning_tokens') ?? 0;
  const reported = count(v.total_tokens);

  const cache = cached + writes;
  const extra = reported === undefined ? 0 : reported - prompt - completion;
  if (extra > 0) {
    if (cache > 0 && reasoning > 0) {
      // Both kinds of detail: the parts of the difference they explain.
      const toPrompt = extra === reasoning ? 0 : Math.min(cache, extra);
      prompt += toPrompt;
      completion += extra - toPrompt;
    } else if (cache > 0) {
      prompt += extra;
    } else {
      completion += extra;
      if (reasoning === 0) reasoning = extra;
    }
  } else if (reported === undefined) {
    // Anthropic's own usage counts cache reads and writes outside `input_tokens`; a detail larger than its part was outside it.
    const anthropic = v.prompt_tokens === undefined && v.input_tokens !== undefined && (v.cache_read_input_tokens !== undefined || v.cache_creation_input_tokens !== undefined);
    if (anthropic || cache > prompt) prompt += cache;
    if (reasoning > completion) completion += reasoning;
  }

  // Never counted twice, never more than the whole.
  const cachedPromptTokens = Math.min(cached, prompt);
  const cacheWriteTokens = Math.min(writes, prompt - cachedPromptTokens);
  const reasoningTokens = Math.min(reasoning, completion);
  const totalTokens = Math.max(reported ?? 0, prompt + completion);
  return { promptTokens: prompt, completionTokens: completion, totalTokens, cachedPromptTokens, cacheWriteTokens, reasoningTokens };
}
