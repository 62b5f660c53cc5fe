// A batch review from plan to report: submit (or resume), wait, collect; the outcome has the
// same shape as a live review's, so the CLI and the extension report it the same way.
import { TERMINAL_STATUSES, type BatchApi, type BatchStatus } from '../../relay';
import type { ReviewOutcome } from '../engine';
import { summarize } from '../summary';
import type { FileResult, ReviewPlan } from '../types';
import { collectBatchReview, type CollectOptions } from './collect';
import type { KeyedPlan } from './load';
import type { JobRecord } from './record';
import { submitBatchReview } from './submit';

export interface BatchOutcome extends ReviewOutcome {
  /** The job's batch ids (all rounds). */
  batchIds: string[];
  /** true: submitted (or still running) and not collected: `wait: false`. */
  pending: boolean;
  /** true: an earlier run's batch was picked up. */
  resumed: boolean;
  /** The relay's message when a batch failed as a whole. */
  failedBatch: string | null;
  /** The job record (null when everything came from the cache). */
  job: JobRecord | null;
}

function sortFiles(files: FileResult[]): FileResult[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `keyed`: keyPlan's result when the caller has it (the files are not read for it again). */
export async function runBatchReview(plan: ReviewPlan, o: CollectOptions, keyed?: KeyedPlan): Promise<BatchOutcome> {
  const started = Date.now();
  const { job, resumed, cached: hits, skipped } = await submitBatchReview(plan, o, keyed);
  // Files skipped when read are reported like the plan's skipped ones.
  const cached = [...hits, ...skipped];
  const base = { peakInFlight: 0, stoppedBy: null, resumed, job, batchIds: job?.batches.map((b) => b.id ?? '').filter(Boolean) ?? [] };
  const totals = { promptTokens: 0, completionTokens: 0, costUsd: 0, requests: 0 };
  if (!job) {
    const files = sortFiles([...cached, ...plan.skipped]);
    return { ...base, files, summary: summarize(files, { ...totals, durationMs: Date.now() - started }), pending: false, failedBatch: null };
  }
  const collected = await collectBatchReview(job, { ...o, plan });
  if (!collected) {
    const files = sortFiles([...cached, ...plan.skipped]);
    return { ...base, files, summary: summarize(files, { ...totals, durationMs: Date.now() - started }), pending: true, failedBatch: null };
  }
  const planned = new Set(plan.files.map((f) => f.path));
  const cachedPaths = new Set(cached.map((f) => f.path));
  const fresh = collected.files.filter((f) => planned.has(f.path) && !cachedPaths.has(f.path));
  const files = sortFiles([...cached, ...fresh, ...plan.skipped]);
  const batchIds = job.batches.map((b) => b.id ?? '').filter(Boolean);
  return { ...base, batchIds, files, summary: summarize(files, { ...collected.totals, durationMs: Date.now() - started }), pending: false, failedBatch: collected.failedBatch };
}

/** Asks the relay to cancel every running batch of the job (answers already made stay billed and are collected). */
export async function cancelBatchJob(job: JobRecord, api: BatchApi, signal?: AbortSignal): Promise<string[]> {
  const cancelled: string[] = [];
  for (const ref of job.batches) {
    if (!ref.id || TERMINAL_STATUSES.has(ref.status as BatchStatus)) continue;
    const info = await api.cancelBatch(ref.id, signal);
    ref.status = info.status;
    cancelled.push(ref.id);
  }
  return cancelled;
}
