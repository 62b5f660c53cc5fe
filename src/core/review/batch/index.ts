// Review through the relay's batch API (half price, answers within 24 h): JSONL input, submit,
// a resumable job record, polling, result files, one retry, the batch price.
export { BATCH_ENDPOINT, MAX_LINES_PER_BATCH, MAX_BYTES_PER_BATCH, batchLines, splitBatches, toJsonl, customIdOf, type BatchLine, type RequestRef, type SplitLimits } from './requests';
export { JobStore, jobKeyOf, type JobRecord, type BatchRef } from './record';
export { readResults, type LineResult } from './results';
export { pollDelay, DEFAULT_POLL_MS, MIN_POLL_MS, MAX_POLL_MS } from './poll';
export { DEFAULT_BATCH_PRICE_FACTOR, batchPriceFactor, batchPriceOf, batchCost, toBatchEstimate, type BatchEstimate } from './price';
export { keyPlan, reloadKeyed, type KeyedFile, type KeyedPlan } from './load';
export { submitBatchReview, jobKeyOfPlan, BatchUnsupportedError, NO_BATCH_API, type SubmitOptions, type Submitted } from './submit';
export { collectBatchReview, type CollectOptions, type Collected, type BatchProgress } from './collect';
export { runBatchReview, cancelBatchJob, type BatchOutcome } from './run';
