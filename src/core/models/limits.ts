// How much a model reads and writes: context windows and output limits, per family.
// Sources: the providers' model pages (platform.openai.com/docs/models, docs.claude.com/en/docs/about-claude/models,
// ai.google.dev/gemini-api/docs/models, api-docs.deepseek.com, docs.x.ai, platform.moonshot.ai, docs.z.ai), read 2026-12-07.
import { lookup, overrideOf, type ModelOverrides } from './ids';

/** Largest answer a model gives (tokens) when neither the table nor the settings know it. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;
export const DEFAULT_CONTEXT_WINDOW = 32_000;

interface Limits {
  context: number;
  /** Absent where the provider publishes none: the default applies. */
  maxOutput?: number;
}

const LIMITS: Record<string, Limits> = {};
function family(ids: string[], limits: Limits): void {
  for (const id of ids) LIMITS[id] = limits;
}

family(['gpt-5', 'gpt-5.1', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-max', 'gpt-5.1-codex-mini'], { context: 400_000, maxOutput: 128_000 });
family(['gpt-5-chat', 'gpt-5.1-chat'], { context: 128_000, maxOutput: 16_384 });
family(['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano'], { context: 1_047_576, maxOutput: 32_768 });
family(['gpt-4o', 'gpt-4o-mini'], { context: 128_000, maxOutput: 16_384 });
family(['o3', 'o3-mini', 'o4-mini', 'o1'], { context: 200_000, maxOutput: 100_000 });
family(['claude-sonnet-4', 'claude-sonnet-4.5', 'claude-haiku-4.5'], { context: 200_000, maxOutput: 64_000 });
family(['claude-opus-4', 'claude-opus-4.1'], { context: 200_000, maxOutput: 32_000 });
family(['claude-opus-4.5'], { context: 200_000, maxOutput: 64_000 });
family(['claude-3.5-haiku'], { context: 200_000, maxOutput: 8_192 });
family(['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-pro'], { context: 1_048_576, maxOutput: 65_536 });
family(['deepseek-v3.2', 'deepseek-v3.2-exp', 'deepseek-chat'], { context: 128_000, maxOutput: 8_192 });
family(['deepseek-reasoner'], { context: 128_000, maxOutput: 64_000 });
family(['qwen3-coder', 'qwen3-coder-plus'], { context: 262_144, maxOutput: 65_536 });
family(['grok-code-fast-1', 'grok-code-fast'], { context: 256_000 });
family(['kimi-k2', 'kimi-k2-0711-preview'], { context: 131_072 });
family(['kimi-k2-0905', 'kimi-k2-0905-preview', 'kimi-k2-thinking'], { context: 262_144 });
family(['glm-4.6'], { context: 200_000, maxOutput: 128_000 });

/** The model's output limit in tokens: the setting, else the table, else a safe default. */
export function maxOutputOf(model: string, overrides?: ModelOverrides): number {
  return overrideOf(model, overrides)?.maxOutputTokens ?? lookup(LIMITS, model)?.maxOutput ?? DEFAULT_MAX_OUTPUT_TOKENS;
}

/** The model's context window in tokens: the setting (or the relay's published length), else the table, else a safe default. */
export function contextWindowOf(model: string, overrides?: ModelOverrides): number {
  return overrideOf(model, overrides)?.contextWindow ?? lookup(LIMITS, model)?.context ?? DEFAULT_CONTEXT_WINDOW;
}
