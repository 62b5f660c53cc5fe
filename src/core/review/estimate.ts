// The estimate shown before a run: files to send, approximate tokens and cost with the review model.
// Files are not kept in memory for it: sizes come from the listing; with a cache, each file is read
// once (one at a time) to know whether its findings are cached, and dropped again.
import { usageCost } from '../models/cost';
import { estimateTokens, priceOf, type ModelOverride } from '../relay';
import { cacheKey, type ReviewCache } from './cache';
import { chunkLines, splitLines, type ChunkOptions } from './chunk';
import { touchesDiff, type DiffFilter } from './diff';
import { loadPlanned, sha256 } from './plan';
import { REVIEW_SYSTEM_PROMPT, reviewMessages, type Chunk } from './prompt';
import type { LoadedFile, ReviewPlan } from './types';

/** Expected completion tokens per request (a findings list is short). */
export const COMPLETION_TOKENS_PER_REQUEST = 300;
/** Characters the prompt adds around a chunk besides the system prompt (path, instructions). */
const PROMPT_OVERHEAD_CHARS = 200;
/** "N | " numbering per line, for an average line of ~40 characters. */
const NUMBERING_FACTOR = 1.12;

export interface ReviewEstimate {
  /** Files that will be sent (not answered from the cache). */
  files: number;
  cachedFiles: number;
  skippedFiles: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** null when the model's price is unknown. */
  costUsd: number | null;
}

/** The cache key of a loaded file: its content, and in PR mode also the diff it was reviewed with. */
export function reviewKey(file: LoadedFile, model: string): string {
  const extra = [file.diff?.text, file.rules ? `rules\u0000${file.rules}` : undefined].filter((x) => x !== undefined);
  return cacheKey(extra.length ? sha256([file.hash, ...extra].join('\u0000')) : file.hash, model);
}

/** The chunks a file is sent in (PR mode: only those with changed lines, unless the filter is `file`). */
export function chunksToSend(file: LoadedFile, chunk?: ChunkOptions, filter: DiffFilter = 'added'): { chunks: Chunk[]; lineCount: number } {
  const lines = splitLines(file.text);
  const all = chunkLines(lines, chunk);
  const diff = file.diff;
  const chunks = diff ? all.filter((c) => touchesDiff(diff, c.startLine, c.startLine + c.lines.length - 1, filter)) : all;
  return { chunks, lineCount: lines.length };
}

/** The requests a loaded file needs: one per chunk, with their estimated prompt tokens. */
export function fileRequests(file: LoadedFile, chunk?: ChunkOptions, filter?: DiffFilter): { chunks: Chunk[]; lineCount: number; tokens: number[] } {
  const { chunks, lineCount } = chunksToSend(file, chunk, filter);
  const tokens = chunks.map((c) => estimateTokens(reviewMessages(file.path, file.language, c, lineCount, file.diff, file.rules).map((m) => m.content).join('\n')));
  return { chunks, lineCount, tokens };
}

/** Requests and prompt tokens of a file known only by its size. */
function bySize(size: number, chunk?: ChunkOptions): { requests: number; tokens: number } {
  const maxChars = chunk?.maxChars ?? 24_000;
  const requests = Math.max(1, Math.ceil(size / maxChars));
  const chars = size * NUMBERING_FACTOR + requests * (REVIEW_SYSTEM_PROMPT.length + PROMPT_OVERHEAD_CHARS);
  return { requests, tokens: Math.ceil(chars / 4) };
}

export interface EstimateOptions {
  model: string;
  models?: Record<string, ModelOverride>;
  cache?: ReviewCache;
  chunk?: ChunkOptions;
  filter?: DiffFilter;
}

export async function estimateReview(plan: ReviewPlan, opts: EstimateOptions): Promise<ReviewEstimate> {
  const est: ReviewEstimate = { files: 0, cachedFiles: 0, skippedFiles: plan.skipped.length, requests: 0, promptTokens: 0, completionTokens: 0, costUsd: null };
  const add = (requests: number, tokens: number) => {
    est.files++;
    est.requests += requests;
    est.promptTokens += tokens;
    est.completionTokens += requests * COMPLETION_TOKENS_PER_REQUEST;
  };
  for (const file of plan.files) {
    if (!opts.cache && file.size !== undefined && !file.diff) {
      const { requests, tokens } = bySize(file.size, opts.chunk);
      // The repository's rules go with every request of the file.
      add(requests, tokens + requests * Math.ceil((file.rules?.length ?? 0) / 4));
      continue;
    }
    const loaded = await loadPlanned(file, plan.maxFileBytes);
    if ('skip' in loaded) {
      est.skippedFiles++;
      continue;
    }
    if (opts.cache && (await opts.cache.get(reviewKey(loaded, opts.model)))) {
      est.cachedFiles++;
      continue;
    }
    const { tokens } = fileRequests(loaded, opts.chunk, opts.filter);
    add(tokens.length, tokens.reduce((a, b) => a + b, 0));
  }
  const price = priceOf(opts.model, opts.models);
  if (price) est.costUsd = usageCost(est, price);
  return est;
}
