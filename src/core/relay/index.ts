// The relay client's public surface. Import from here ('../core/relay'), not from the files inside.
export * from './types';
export { RelayError, isRelayError } from './errors';
export { createRelayClient } from './client';
export {
  statusKind,
  httpErrorKind,
  inBandKind,
  errorObjectOf,
  codeOf,
  isRetryable,
  retryAfterMs,
  redact,
  httpError,
  inBandError,
  makeError,
  type ErrorObject,
  type HeaderBag,
} from './classify';
export { backoffDelay, waitOrCancel, DEFAULT_RETRY_BASE_MS, DEFAULT_MAX_RETRY_WAIT_MS, type BackoffOptions } from './retry';
export {
  resolveModel,
  priceOf,
  overrideOf,
  contextWindowOf,
  maxOutputOf,
  estimateTokens,
  costOf,
  usageCost,
  withPublished,
  DEFAULT_CONTEXT_WINDOW,
  CHARS_PER_TOKEN,
  type Price,
  type Billable,
  type Cost,
  type CostInput,
} from './models';
export { parseCompletion } from './attempt';
export { chatBody } from './wires/chat';
export { batchRequest, parseBatchBody } from './wires/batch';
export { memoryRuleStore } from './learn';
export { isReasoningModel, isResponsesOnly, isPromptCacheModel, type LearnedRules } from '../models/params';
export { createBatchApi, batchInfoOf, multipartBody, TERMINAL_STATUSES, type BatchApi, type BatchInfo, type BatchStatus, type BatchRequestCounts, type BatchErrorEntry, type CreateBatchInput } from './files';
export { parseDuration, rateLimitOf, type RateLimitInfo } from './ratelimit';
