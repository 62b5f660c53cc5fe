// Model data moved to src/core/models/ (ids.ts, prices.ts, cost.ts, limits.ts); re-exported here so
// imports from the relay client keep working.
export { resolveModel, overrideOf, lookupIds, type ModelOverrides } from '../models/ids';
export { priceOf, tablePriceOf, withPublished, type Price } from '../models/prices';
export { costOf, usageCost, estimateTokens, CHARS_PER_TOKEN, type Billable, type Cost, type CostInput } from '../models/cost';
export { contextWindowOf, maxOutputOf, DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_OUTPUT_TOKENS } from '../models/limits';
