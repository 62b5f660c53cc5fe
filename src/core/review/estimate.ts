// The estimate shown before a run: files to send, approximate tokens and cost with the review model.
import { estimateTokens, priceOf, type ModelOverride } from '../relay';
import { cacheKey, type ReviewCache } from './cache';
import { chunkLines, splitLines, type ChunkOptions } from './chunk';
import { reviewMessages } from './prompt';
import type { PlannedFile, ReviewPlan } from './types';

/** Expected completion tokens per request (a findings list is short). */
export const COMPLETION_TOKENS_PER_REQUEST = 300;

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

/** The requests a file needs: one per chunk, with their estimated prompt tokens. */
export function fileRequests(file: PlannedFile, chunk?: ChunkOptions): { chunks: ReturnType<typeof chunkLines>; lineCount: number; tokens: number[] } {
  const lines = splitLines(file.text);
  const chunks = chunkLines(lines, chunk);
  const tokens = chunks.map((c) => estimateTokens(reviewMessages(file.path, file.language, c, lines.length).map((m) => m.content).join('\n')));
  return { chunks, lineCount: lines.length, tokens };
}

export async function estimateReview(plan: ReviewPlan, opts: { model: string; models?: Record<string, ModelOverride>; cache?: ReviewCache; chunk?: ChunkOptions }): Promise<ReviewEstimate> {
  const est: ReviewEstimate = { files: 0, cachedFiles: 0, skippedFiles: plan.skipped.length, requests: 0, promptTokens: 0, completionTokens: 0, costUsd: null };
  for (const file of plan.files) {
    if (opts.cache && (await opts.cache.get(cacheKey(file.hash, opts.model)))) {
      est.cachedFiles++;
      continue;
    }
    const { tokens } = fileRequests(file, opts.chunk);
    est.files++;
    est.requests += tokens.length;
    est.promptTokens += tokens.reduce((a, b) => a + b, 0);
    est.completionTokens += tokens.length * COMPLETION_TOKENS_PER_REQUEST;
  }
  const price = priceOf(opts.model, opts.models);
  if (price) est.costUsd = (est.promptTokens * price.input + est.completionTokens * price.output) / 1_000_000;
  return est;
}
