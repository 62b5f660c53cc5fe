// The review engine (vscode-free): file plan, prompt, parser, chunking, pool, cache, SARIF, run.
export * from './types';
export { REVIEW_SYSTEM_PROMPT, PROMPT_VERSION, numberLines, reviewMessages } from './prompt';
export { planFiles, decodeText, sha256, type PlanOptions } from './plan';
export { pathSkipReason, secretReason, GENERATED_DIRS } from './skipRules';
export { languageOf } from './language';
export { parseFindings, FindingsParseError } from './parse';
export { chunkLines, splitLines, mapToFile, mergeFindings, type ChunkOptions } from './chunk';
export { RequestPool, type PoolOptions, type Timers } from './pool';
export { DirectoryCache, MemoryCache, cacheKey, type ReviewCache } from './cache';
export { estimateReview, type ReviewEstimate } from './estimate';
export { reviewFiles, type ReviewRunOptions, type ReviewOutcome } from './engine';
export { summarize, countBySeverity, reaches } from './summary';
export { toSarif, TOOL_NAME } from './sarif';
export { nodeFileSource, memorySource, gitChangedFiles } from './nodeSource';
export { toJsonReport, type JsonReport, type JsonFile, type JsonFinding } from './reportJson';
