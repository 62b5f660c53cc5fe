// How much a model reads and writes: context windows and output limits.
import { overrideOf, resolveModel, type ModelOverrides } from '../relay/models';

/** Largest answer a model gives (tokens) when neither the table nor the settings know it. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;

const MAX_OUTPUT: Record<string, number> = {
  'gpt-4.1': 32_768,
  'claude-sonnet-4.5': 64_000,
  'gemini-2.5-flash': 65_536,
  'deepseek-v3.2': 8_192,
};

/** The model's output limit in tokens: the setting, else the table, else a safe default. */
export function maxOutputOf(model: string, overrides?: ModelOverrides): number {
  return overrideOf(model, overrides)?.maxOutputTokens ?? MAX_OUTPUT[resolveModel(model)] ?? DEFAULT_MAX_OUTPUT_TOKENS;
}
