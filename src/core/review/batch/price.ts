// The batch price: a share of the model's price (default half), per model in
// `relayAssistant.models` (`batchPriceFactor`) or for one run (`--batch-price-factor`).
import { usageCost } from '../../models/cost';
import { overrideOf, priceOf, type ModelOverride, type Price, type Usage } from '../../relay';
import type { ReviewEstimate } from '../estimate';

export const DEFAULT_BATCH_PRICE_FACTOR = 0.5;

export function batchPriceFactor(model: string, models?: Record<string, ModelOverride>, override?: number): number {
  const f = override ?? overrideOf(model, models)?.batchPriceFactor;
  return typeof f === 'number' && Number.isFinite(f) && f >= 0 ? f : DEFAULT_BATCH_PRICE_FACTOR;
}

/** Price per million tokens through the batch API, or null when the model's price is unknown. */
export function batchPriceOf(model: string, models?: Record<string, ModelOverride>, override?: number): Price | null {
  const p = priceOf(model, models);
  const f = batchPriceFactor(model, models, override);
  const scaled = (v: number | undefined) => (v === undefined ? undefined : v * f);
  return p && { input: p.input * f, output: p.output * f, cachedInput: scaled(p.cachedInput), cacheWrite: scaled(p.cacheWrite) };
}

export function batchCost(usage: Pick<Usage, 'promptTokens' | 'completionTokens'> & Partial<Usage>, price: Price | null): number {
  return price ? usageCost(usage, price) : 0;
}

export interface BatchEstimate extends ReviewEstimate {
  /** The same requests on the live path. */
  liveCostUsd: number | null;
  factor: number;
}

/** A live estimate re-priced for the batch API. */
export function toBatchEstimate(e: ReviewEstimate, factor: number): BatchEstimate {
  return { ...e, liveCostUsd: e.costUsd, costUsd: e.costUsd === null ? null : e.costUsd * factor, factor };
}
