// Cost in USD from usage and a price (relay-protocol.md, "Usage details and cost").
import type { Usage } from '../relay/types';
import type { ModelOverrides } from './ids';
import { priceOf, type Price } from './prices';

/** Characters per token used when the relay reports no usage. */
export const CHARS_PER_TOKEN = 4;

/** A rough token count from characters (~4 characters per token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The token counts cost depends on (a Usage, or totals of many). */
export type Billable = Pick<Usage, 'promptTokens' | 'completionTokens'> & Partial<Pick<Usage, 'cachedPromptTokens' | 'cacheWriteTokens'>>;

/**
 * (prompt − cached − writes) × input + cached × cached-input + writes × cache-write + output × output, per million.
 * Reasoning is part of the output. A cached or write price the model does not have is the input price.
 */
export function usageCost(u: Billable, price: Price): number {
  const cached = Math.max(0, u.cachedPromptTokens ?? 0);
  const writes = Math.max(0, u.cacheWriteTokens ?? 0);
  const uncached = Math.max(0, u.promptTokens - cached - writes);
  return (uncached * price.input + cached * (price.cachedInput ?? price.input) + writes * (price.cacheWrite ?? price.input) + u.completionTokens * price.output) / 1_000_000;
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

/** Cost in USD from usage and the model's price; estimated from characters (all input uncached) when usage is missing. */
export function costOf(c: CostInput): Cost {
  const estimated = c.usage === null;
  const price = priceOf(c.model, c.overrides);
  if (!price) return { costUsd: null, costEstimated: estimated };
  const usage: Billable = c.usage ?? { promptTokens: estimateTokens(c.promptText ?? ''), completionTokens: estimateTokens(c.completionText ?? '') };
  return { costUsd: usageCost(usage, price), costEstimated: estimated };
}
