// The built-in price table, and prices from settings and from the relay's model list.
//
// Which price applies, field by field: the user's setting (`relayAssistant.models[id].inputPrice` …),
// else the price the relay publishes on /models (OpenRouter's `pricing`: what that relay bills),
// else this table. A model none of them knows has no price: its cost shows as unknown, never a guess.
// Prices are USD per million tokens. A missing cached (or cache-write) price means cached (written)
// tokens are billed at the input price, which is what that provider does.
import type { ModelInfo, ModelOverride } from '../relay/types';
import { lookup, overrideOf, resolveModel, type ModelOverrides } from './ids';

export interface Price {
  /** USD per million uncached input tokens. */
  input: number;
  /** USD per million output tokens (reasoning included). */
  output: number;
  /** USD per million cached input tokens (cache reads); the input price when absent. */
  cachedInput?: number;
  /** USD per million input tokens written to the cache; the input price when absent. */
  cacheWrite?: number;
}

const TABLE: Record<string, Price> = {};
function family(ids: string[], price: Price): void {
  for (const id of ids) TABLE[id] = price;
}

// OpenAI — https://openai.com/api/pricing/ (platform.openai.com/docs/pricing), Standard tier, read 2026-12-07.
// Cached input is billed at the cached price; OpenAI does not bill cache writes.
family(['gpt-5', 'gpt-5.1', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-max', 'gpt-5-chat', 'gpt-5.1-chat'], { input: 1.25, cachedInput: 0.125, output: 10 });
family(['gpt-5-mini', 'gpt-5.1-codex-mini'], { input: 0.25, cachedInput: 0.025, output: 2 });
family(['gpt-5-nano'], { input: 0.05, cachedInput: 0.005, output: 0.4 });
family(['gpt-4.1'], { input: 2, cachedInput: 0.5, output: 8 });
family(['gpt-4.1-mini'], { input: 0.4, cachedInput: 0.1, output: 1.6 });
family(['gpt-4.1-nano'], { input: 0.1, cachedInput: 0.025, output: 0.4 });
family(['gpt-4o'], { input: 2.5, cachedInput: 1.25, output: 10 });
family(['gpt-4o-mini'], { input: 0.15, cachedInput: 0.075, output: 0.6 });
family(['o3'], { input: 2, cachedInput: 0.5, output: 8 });
family(['o3-mini'], { input: 1.1, cachedInput: 0.55, output: 4.4 });
family(['o4-mini'], { input: 1.1, cachedInput: 0.275, output: 4.4 });
family(['o1'], { input: 15, cachedInput: 7.5, output: 60 });

// Anthropic — https://docs.claude.com/en/docs/about-claude/pricing, read 2026-12-07.
// Cache writes at the 5-minute rate (1.25 × input); prompts over 200K tokens (1M-context beta) cost more and are not modelled.
family(['claude-sonnet-4', 'claude-sonnet-4.5'], { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 });
family(['claude-opus-4', 'claude-opus-4.1'], { input: 15, cachedInput: 1.5, cacheWrite: 18.75, output: 75 });
family(['claude-opus-4.5'], { input: 5, cachedInput: 0.5, cacheWrite: 6.25, output: 25 });
family(['claude-haiku-4.5'], { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5 });
family(['claude-3.5-haiku'], { input: 0.8, cachedInput: 0.08, cacheWrite: 1, output: 4 });

// Google — https://ai.google.dev/gemini-api/docs/pricing, paid tier, prompts up to 200K tokens, read 2026-12-07.
// Cached = context-cache / implicit-cache reads (cache storage per hour is not modelled).
family(['gemini-2.5-pro'], { input: 1.25, cachedInput: 0.125, output: 10 });
family(['gemini-2.5-flash'], { input: 0.3, cachedInput: 0.03, output: 2.5 });
family(['gemini-2.5-flash-lite'], { input: 0.1, cachedInput: 0.01, output: 0.4 });
family(['gemini-3-pro'], { input: 2, cachedInput: 0.2, output: 12 });

// DeepSeek — https://api-docs.deepseek.com/quick_start/pricing (V3.2: deepseek-chat and deepseek-reasoner), read 2026-12-07.
// Input = cache miss, cached = cache hit.
family(['deepseek-v3.2', 'deepseek-v3.2-exp', 'deepseek-chat', 'deepseek-reasoner'], { input: 0.28, cachedInput: 0.028, output: 0.42 });

// xAI — https://docs.x.ai/docs/models, read 2026-12-07.
family(['grok-code-fast-1', 'grok-code-fast'], { input: 0.2, cachedInput: 0.02, output: 1.5 });

// Moonshot — https://platform.moonshot.ai/docs/pricing/chat, read 2026-12-07. Input = cache miss, cached = cache hit.
family(['kimi-k2', 'kimi-k2-0905', 'kimi-k2-0905-preview', 'kimi-k2-0711-preview', 'kimi-k2-thinking'], { input: 0.6, cachedInput: 0.15, output: 2.5 });

// Z.ai — https://docs.z.ai/guides/overview/pricing, read 2026-12-07.
family(['glm-4.6'], { input: 0.6, cachedInput: 0.11, output: 2.2 });

// Not in the table: Qwen3-Coder (Alibaba Cloud bills it by prompt-length tiers, and each relay hosting it sets its
// own price): its cost comes from the relay's published price or from the user's setting.

/** The built-in price of a model (exact id, provider-prefixed id, dated snapshot; see lookupIds), or undefined. */
export function tablePriceOf(model: string): Price | undefined {
  return lookup(TABLE, model);
}

/** Price per million tokens (setting > relay-published > table, field by field), or null when input or output is unknown. */
export function priceOf(model: string, overrides?: ModelOverrides): Price | null {
  const base = tablePriceOf(model);
  const o = overrideOf(model, overrides);
  const input = o?.inputPrice ?? base?.input;
  const output = o?.outputPrice ?? base?.output;
  if (input === undefined || output === undefined) return null;
  const price: Price = { input, output };
  const cachedInput = o?.cachedInputPrice ?? base?.cachedInput;
  const cacheWrite = o?.cacheWritePrice ?? base?.cacheWrite;
  if (cachedInput !== undefined) price.cachedInput = cachedInput;
  if (cacheWrite !== undefined) price.cacheWrite = cacheWrite;
  return price;
}

/**
 * The settings' per-model overrides with the relay's published prices and context windows added where the
 * user set none (the user's fields always win). Models without published data are left as they are.
 * The extension and the CLI pass the result wherever `relayAssistant.models` goes.
 */
export function withPublished(overrides: ModelOverrides, published: readonly ModelInfo[]): Record<string, ModelOverride> {
  const out: Record<string, ModelOverride> = { ...(overrides ?? {}) };
  for (const m of published) {
    if (!m.pricing && m.contextWindow === undefined) continue;
    const id = resolveModel(m.id);
    const user = out[id] ?? {};
    const fromRelay: ModelOverride = {};
    if (m.pricing) {
      fromRelay.inputPrice = m.pricing.input;
      fromRelay.outputPrice = m.pricing.output;
      if (m.pricing.cachedInput !== undefined) fromRelay.cachedInputPrice = m.pricing.cachedInput;
      if (m.pricing.cacheWrite !== undefined) fromRelay.cacheWritePrice = m.pricing.cacheWrite;
    }
    if (m.contextWindow !== undefined) fromRelay.contextWindow = m.contextWindow;
    out[id] = { ...fromRelay, ...definedOnly(user) };
  }
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
