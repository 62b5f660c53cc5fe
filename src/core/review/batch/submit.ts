// Submitting a batch review: files answered from the cache stay out; the rest become JSONL input
// files; each batch is recorded before and after its creation, so no kill can make it paid twice.
import { isRelayError, type BatchApi, type RelayError } from '../../relay';
import type { ReviewCache } from '../cache';
import type { ChunkOptions } from '../chunk';
import type { DiffFilter } from '../diff';
import type { FileResult, ReviewPlan } from '../types';
import { keyPlan, type KeyedPlan } from './load';
import { jobKeyOf, type BatchRef, type JobRecord, type JobStore } from './record';
import type { ModelOverride } from '../../relay';
import { batchEndpointOf, batchLines, splitBatches, toJsonl, type BatchLine, type SplitLimits } from './requests';

export const NO_BATCH_API = 'this relay has no batch API; run the review without --batch';

/** The relay answered 404/405 on /files or /batches before anything was created: nothing was billed. */
export class BatchUnsupportedError extends Error {
  constructor(readonly relayError: RelayError) {
    super(NO_BATCH_API);
    this.name = 'BatchUnsupportedError';
  }
}

export interface SubmitOptions {
  api: BatchApi;
  store: JobStore;
  cache: ReviewCache;
  baseUrl: string;
  model: string;
  /** Per-model settings: parameter rules, output limits, the wire (Responses-only models batch on /v1/responses). */
  models?: Record<string, ModelOverride>;
  chunk?: ChunkOptions;
  maxTokens?: number;
  /** PR mode: which findings (and chunks) of a file with a diff count (default `added`). */
  filter?: DiffFilter;
  limits?: SplitLimits;
  signal?: AbortSignal;
  /** Called once per created batch (its id is on disk by then). */
  onCreated?(batch: BatchRef): void;
  now?(): number;
}

export interface Submitted {
  /** null: every file came from the cache, nothing to send. */
  job: JobRecord | null;
  /** true: an earlier run's batch was picked up. */
  resumed: boolean;
  cached: FileResult[];
  /** Files found unreviewable when read. */
  skipped: FileResult[];
}

function unsupported(e: unknown): boolean {
  return isRelayError(e) && (e.status === 404 || e.status === 405);
}

/** The job key of a keyed plan: the same arguments over the same contents give the same key. */
export function jobKeyOfPlan(keyed: KeyedPlan, baseUrl: string, model: string): string {
  return jobKeyOf(baseUrl, model, keyed.files.map((f) => ({ path: f.file.path, hash: f.key })));
}

/**
 * Creates the batch for an uploaded input file. `lookUp`: the record comes from an earlier
 * process that may have died after the relay created the batch: find it by its input file first.
 */
async function createRecorded(job: JobRecord, ref: BatchRef, o: SubmitOptions, lookUp: boolean): Promise<void> {
  if (ref.id === null) {
    const listed = lookUp ? await o.api.listBatches(100, o.signal).catch(() => []) : [];
    const found = listed.find((b) => b.inputFileId === ref.inputFileId);
    const batch = found ?? (await o.api.createBatch({ inputFileId: ref.inputFileId, endpoint: batchEndpointOf(job.model, o.models), completionWindow: '24h', metadata: { source: 'relay-assistant-review', job: job.job.slice(0, 32), round: String(ref.round) } }, o.signal));
    ref.id = batch.id;
    ref.status = batch.status;
    ref.expiresAt = batch.expiresAt;
    await o.store.save(job);
    o.onCreated?.(ref);
  }
}

/** Uploads and creates one batch of these lines, recording it at each step. */
export async function submitLines(job: JobRecord, lines: BatchLine[], round: 1 | 2, o: SubmitOptions): Promise<BatchRef> {
  const now = o.now ?? Date.now;
  for (const l of lines) job.requests[l.customId] = l.ref;
  const name = `relay-review-${job.job.slice(0, 12)}-r${round}-${job.batches.length + 1}.jsonl`;
  const inputFileId = await o.api.uploadFile(name, toJsonl(lines), o.signal);
  const ref: BatchRef = { id: null, inputFileId, round, status: 'submitting', expiresAt: null, customIds: lines.map((l) => l.customId), createdAt: now() };
  job.batches.push(ref);
  await o.store.save(job);
  await createRecorded(job, ref, o, false);
  return ref;
}

/** Finds the job for this plan (resuming it) or submits a new one. `keyed`: keyPlan's result when the caller has it. */
export async function submitBatchReview(plan: ReviewPlan, o: SubmitOptions, keyed?: KeyedPlan): Promise<Submitted> {
  const k = keyed ?? (await keyPlan(plan, o));
  const { cached, skipped } = k;
  const key = jobKeyOfPlan(k, o.baseUrl, o.model);
  const existing = await o.store.load(key);
  if (existing) {
    for (const ref of existing.batches) await createRecorded(existing, ref, o, true);
    return { job: existing, resumed: true, cached, skipped };
  }
  const hits = new Set(cached.map((f) => f.path));
  const toSend = k.files.filter((f) => !hits.has(f.file.path)).map((f) => f.file);
  if (toSend.length === 0) return { job: null, resumed: false, cached, skipped };
  const lines = await batchLines(toSend, { ...o, maxFileBytes: plan.maxFileBytes });
  const job: JobRecord = { version: 1, job: key, baseUrl: o.baseUrl, model: o.model, createdAt: (o.now ?? Date.now)(), requests: {}, batches: [] };
  for (const group of splitBatches(lines, o.limits)) {
    try {
      await submitLines(job, group, 1, o);
    } catch (e) {
      const noneCreated = job.batches.every((b) => b.id === null);
      // A definite rejection created nothing; after a cut connection the record stays to be looked up again.
      if (noneCreated && isRelayError(e) && e.status !== null) await o.store.remove(key);
      if (noneCreated && unsupported(e)) throw new BatchUnsupportedError(e as RelayError);
      throw e;
    }
  }
  return { job, resumed: false, cached, skipped };
}
