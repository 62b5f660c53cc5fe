// Model aliases, the built-in price table, context windows and cost.
import type { ModelOverride, Usage } from './types';

export interface Price {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
}

export type ModelOverrides = Record<string, ModelOverride> | undefined;

const ALIASES: Record<string, string> = {
  gpt4: 'gpt-4.1',
  'gpt-4': 'gpt-4.1',
  claude: 'claude-sonnet-4.5',
  gemini: 'gemini-2.5-flash',
  deepseek: 'deepseek-v3.2',
};

const PRICES: Record<string, Price> = {
  'gpt-4.1': { input: 2.0, output: 8.0 },
  'claude-sonnet-4.5': { input: 3.0, output: 15.0 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'deepseek-v3.2': { input: 0.28, output: 0.42 },
};

const CONTEXT_WINDOWS: Record<string, number> = {
  'gpt-4.1': 1_047_576,
  'claude-sonnet-4.5': 200_000,
  'gemini-2.5-flash': 1_048_576,
  'deepseek-v3.2': 128_000,
};

export const DEFAULT_CONTEXT_WINDOW = 32_000;

/** Characters per token used when the relay reports no usage. */
export const CHARS_PER_TOKEN = 4;

/** The model id an alias stands for; unknown names pass through unchanged (relays add models weekly). */
export function resolveModel(name: string): string {
  const trimmed = name.trim();
  return ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/** The override for a model, looked up by its resolved id, then by the name as given. */
export function overrideOf(model: string, overrides: ModelOverrides): ModelOverride | undefined {
  if (!overrides) return undefined;
  return overrides[resolveModel(model)] ?? overrides[model];
}

/** Price per million tokens, or null when unknown (cost then shows as unknown, not a made-up number). */
export function priceOf(model: string, overrides?: ModelOverrides): Price | null {
  const base = PRICES[resolveModel(model)];
  const o = overrideOf(model, overrides);
  const input = o?.inputPrice ?? base?.input;
  const output = o?.outputPrice ?? base?.output;
  return input === undefined || output === undefined ? null : { input, output };
}

export function contextWindowOf(model: string, overrides?: ModelOverrides): number {
  return overrideOf(model, overrides)?.contextWindow ?? CONTEXT_WINDOWS[resolveModel(model)] ?? DEFAULT_CONTEXT_WINDOW;
}

/** A rough token count from characters (~4 characters per token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export interface Cost {
  costUsd: number | null;
  costEstimated: boolean;
}

export interface CostInput {
  model: string;
  usage: Usage | null;
  /** Used only without usage: the prompt text and the answer text. */
  promptText?: string;
  completionText?: string;
  overrides?: ModelOverrides;
}

/** Cost in USD from usage and the price table; estimated from characters when usage is missing. */
export function costOf(c: CostInput): Cost {
  const estimated = c.usage === null;
  const price = priceOf(c.model, c.overrides);
  if (!price) return { costUsd: null, costEstimated: estimated };
  const promptTokens = c.usage ? c.usage.promptTokens : estimateTokens(c.promptText ?? '');
  const completionTokens = c.usage ? c.usage.completionTokens : estimateTokens(c.completionText ?? '');
  const costUsd = (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
  return { costUsd, costEstimated: estimated };
}
