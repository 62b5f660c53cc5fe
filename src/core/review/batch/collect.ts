// Collecting a batch review: poll every batch of the job to a terminal status, download the
// output and error files, retry failed or expired lines once (a new batch, or the live path),
// then turn the answers into file results through the same parser and cache as a live review.
import { TERMINAL_STATUSES, isRelayError, waitOrCancel, type BatchInfo, type ErrorKind, type BatchStatus, type ModelOverride, type RelayClient } from '../../relay';
import { mapToFile, mergeFindings } from '../chunk';
import { finalFindings, reviewFiles } from '../engine';
import { FindingsParseError, parseFindings } from '../parse';
import type { FileResult, Finding, ReviewPlan } from '../types';
import { reloadKeyed } from './load';
import { pollDelay } from './poll';
import { batchCost, batchPriceOf } from './price';
import type { BatchRef, JobRecord } from './record';
import { batchLines, splitBatches, type BatchLine, type RequestRef } from './requests';
import { readResults, type LineResult } from './results';
import { submitLines, type SubmitOptions } from './submit';

export interface BatchProgress {
  total: number;
  completed: number;
  failed: number;
  batches: { id: string; status: BatchStatus; round: 1 | 2 }[];
}

export interface CollectOptions extends SubmitOptions {
  models?: Record<string, ModelOverride>;
  /** --batch-price-factor: wins over the model's batchPriceFactor. */
  priceFactor?: number;
  /** First poll interval (ms). */
  pollMs?: number;
  /** false: look once; a batch still running ends the call with `pending`. */
  wait?: boolean;
  /** How failed or expired lines are retried once (default: a new batch). */
  retryWith?: 'batch' | 'live';
  /** The planned files: rebuilds retry lines without downloading the input file; needed for `live`. */
  plan?: ReviewPlan;
  /** Without `plan`: plans the files again (only when a retry needs their lines). */
  replan?(): Promise<ReviewPlan>;
  /** The live path for `retryWith: 'live'`. */
  live?: { client: RelayClient; concurrency?: number; maxRetries?: number };
  secrets?: readonly string[];
  onStatus?(p: BatchProgress): void;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Totals {
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  reasoningTokens: number;
  costUsd: number;
  requests: number;
}

export interface Collected {
  files: FileResult[];
  totals: Totals;
  /** The relay's message when a batch failed as a whole. */
  failedBatch: string | null;
}

/** A batch the relay no longer knows counts as expired: its lines are retried. */
async function look(o: CollectOptions, ref: BatchRef): Promise<BatchInfo> {
  try {
    return await o.api.getBatch(ref.id!, o.signal);
  } catch (e) {
    if (!isRelayError(e) || e.status !== 404) throw e;
    return { id: ref.id!, status: 'expired', inputFileId: ref.inputFileId, outputFileId: null, errorFileId: null, requestCounts: { total: ref.customIds.length, completed: 0, failed: 0 }, expiresAt: ref.expiresAt, errors: [], metadata: {} };
  }
}

class Collector {
  private readonly infos = new Map<string, BatchInfo>();
  private readonly downloaded = new Set<string>();
  private readonly results = new Map<string, LineResult>();
  private lineStatus: Map<string, string> | undefined;
  private planned: Promise<ReviewPlan | undefined> | undefined;

  constructor(private readonly job: JobRecord, private readonly o: CollectOptions) {}

  private progress(): void {
    const p: BatchProgress = { total: 0, completed: 0, failed: 0, batches: [] };
    for (const ref of this.job.batches) {
      const info = ref.id ? this.infos.get(ref.id) : undefined;
      p.total += info?.requestCounts.total || ref.customIds.length;
      p.completed += info?.requestCounts.completed ?? 0;
      p.failed += info?.requestCounts.failed ?? 0;
      if (ref.id) p.batches.push({ id: ref.id, status: info?.status ?? (ref.status as BatchStatus), round: ref.round });
    }
    this.o.onStatus?.(p);
  }

  /** Polls until every batch is terminal; false when `wait` is off and one is still running. */
  private async settle(): Promise<boolean> {
    const sleep = this.o.sleep ?? waitOrCancel;
    for (let n = -1; ; n++) {
      const open = this.job.batches.filter((b) => b.id && (!TERMINAL_STATUSES.has(b.status as BatchStatus) || !this.infos.has(b.id)));
      if (open.length === 0) return true;
      if (n >= 0) {
        if (this.o.wait === false) return false;
        await sleep(pollDelay(n, this.o.pollMs), this.o.signal);
      }
      for (const ref of open) {
        const info = await look(this.o, ref);
        this.infos.set(info.id, info);
        ref.status = info.status;
        ref.expiresAt = info.expiresAt ?? ref.expiresAt;
      }
      await this.o.store.save(this.job);
      this.progress();
    }
  }

  private async download(): Promise<void> {
    for (const info of this.infos.values()) {
      for (const file of [info.outputFileId, info.errorFileId]) {
        if (!file || this.downloaded.has(file)) continue;
        readResults(await this.o.api.fileContent(file, this.o.signal), this.results, this.o.secrets);
        this.downloaded.add(file);
      }
    }
  }

  /** The status of the latest batch that holds a line (built once per collection: jobs have up to 50,000 lines). */
  private statusOf(customId: string): string | undefined {
    if (!this.lineStatus) {
      this.lineStatus = new Map();
      for (const round of [1, 2]) for (const b of this.job.batches.filter((x) => x.round === round)) for (const id of b.customIds) this.lineStatus.set(id, b.status);
    }
    return this.lineStatus.get(customId);
  }

  /** Round-1 lines that failed in a way a new attempt may fix, and have not been retried. */
  private toRetry(): string[] {
    const retried = new Set(this.job.batches.filter((b) => b.round === 2).flatMap((b) => b.customIds));
    const out: string[] = [];
    for (const ref of this.job.batches.filter((b) => b.round === 1)) {
      for (const id of ref.customIds) {
        if (retried.has(id)) continue;
        const r = this.results.get(id);
        if (r ? !r.ok && r.retryable : ref.status === 'expired' || ref.status === 'completed') out.push(id);
      }
    }
    return out;
  }

  /** The plan (given, or planned again once when a retry or the report needs the files). */
  private plan(): Promise<ReviewPlan | undefined> {
    this.planned ??= this.o.plan ? Promise.resolve(this.o.plan) : (this.o.replan?.().catch(() => undefined) ?? Promise.resolve(undefined));
    return this.planned;
  }

  /** The planned files these requests were made from (by path). */
  private filesOf(plan: ReviewPlan, ids: string[]): ReviewPlan['files'] {
    const paths = new Set(ids.flatMap((id) => this.job.requests[id]?.paths ?? []));
    return plan.files.filter((f) => paths.has(f.path));
  }

  /** The JSONL lines of these requests: rebuilt from the plan (when the content is unchanged), else read back from the input files. */
  private async linesFor(ids: string[]): Promise<BatchLine[]> {
    const wanted = new Set(ids);
    const plan = await this.plan();
    if (plan) {
      const lines = (await batchLines(this.filesOf(plan, ids), { ...this.o, maxFileBytes: plan.maxFileBytes })).filter((l) => wanted.has(l.customId));
      if (lines.length === wanted.size) return lines;
    }
    const out: BatchLine[] = [];
    for (const ref of this.job.batches.filter((b) => b.customIds.some((id) => wanted.has(id)))) {
      for (const json of (await this.o.api.fileContent(ref.inputFileId, this.o.signal)).split(/\r?\n/)) {
        const id = json.trim() ? ((JSON.parse(json) as { custom_id?: string }).custom_id ?? '') : '';
        if (wanted.delete(id)) out.push({ customId: id, ref: this.job.requests[id], json, promptTokens: 0 });
      }
    }
    return out;
  }

  async run(): Promise<Collected | null> {
    for (;;) {
      if (!(await this.settle())) return null;
      await this.download();
      const retry = this.toRetry();
      if (retry.length === 0 || this.o.retryWith === 'live') return this.finish(retry);
      for (const group of splitBatches(await this.linesFor(retry), this.o.limits)) await submitLines(this.job, group, 2, this.o);
      this.progress();
    }
  }

  private failureOf(id: string): LineResult & { ok: false } {
    const r = this.results.get(id);
    if (r && !r.ok) return r;
    const status = this.statusOf(id);
    if (status === 'failed') return { ok: false, kind: 'bad_request', message: `The relay rejected the batch: ${this.batchErrors() || 'no reason given'}`, code: null, retryable: false };
    if (status === 'expired') return { ok: false, kind: 'timeout', message: 'The batch expired before this request ran', code: 'batch_expired', retryable: true };
    if (status === 'cancelled') return { ok: false, kind: 'cancelled', message: 'cancelled before the review finished', code: null, retryable: false };
    return { ok: false, kind: 'protocol', message: 'The batch result has no answer for this request', code: null, retryable: true };
  }

  private batchErrors(): string {
    const failed = [...this.infos.values()].filter((i) => i.status === 'failed');
    return failed.flatMap((i) => i.errors.map((e) => (e.line !== null ? `line ${e.line}: ${e.message}` : e.message))).join('; ');
  }

  private async finish(retry: string[]): Promise<Collected> {
    const totals: Totals = { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, reasoningTokens: 0, costUsd: 0, requests: this.job.batches.reduce((n, b) => n + b.customIds.length, 0) };
    const live = await this.live(retry, totals);
    const byKey = new Map<string, { ref: RequestRef; id: string }[]>();
    for (const [id, ref] of Object.entries(this.job.requests)) byKey.set(ref.key, [...(byKey.get(ref.key) ?? []), { ref, id }]);
    const files: FileResult[] = [];
    // What the batch answered (the live retries are counted, and priced, by the live path).
    const answered = { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    for (const [key, parts] of byKey) {
      parts.sort((a, b) => a.ref.chunk - b.ref.chunk);
      for (const p of parts) {
        const r = this.results.get(p.id);
        if (r?.ok && r.usage) for (const k of Object.keys(answered) as (keyof typeof answered)[]) answered[k] += r.usage[k];
      }
      const paths = parts[0].ref.paths;
      const fromLive = paths.map((path) => live.get(path)).filter((r): r is FileResult => !!r);
      if (fromLive.length === paths.length) {
        files.push(...fromLive);
        continue;
      }
      const outcome = this.fileOutcome(parts);
      if (Array.isArray(outcome)) await this.o.cache.set(key, outcome).catch(() => undefined);
      for (const path of paths) {
        files.push(Array.isArray(outcome) ? { path, status: 'reviewed', findings: await this.reported(path, key, outcome) } : { path, status: 'failed', errorKind: outcome.kind, reason: outcome.message, findings: [] });
      }
    }
    totals.promptTokens += answered.promptTokens;
    totals.completionTokens += answered.completionTokens;
    totals.cachedPromptTokens += answered.cachedPromptTokens;
    totals.reasoningTokens += answered.reasoningTokens;
    totals.costUsd += batchCost(answered, batchPriceOf(this.job.model, this.o.models, this.o.priceFactor));
    await this.o.store.remove(this.job.job);
    const failedBatch = this.batchErrors() || ([...this.infos.values()].some((i) => i.status === 'failed') ? 'no reason given' : null);
    return { files, totals, failedBatch };
  }

  /** Findings as a live review reports them (fingerprints, diff filter), when the file still has the content that was sent. */
  private async reported(path: string, key: string, findings: Finding[]): Promise<Finding[]> {
    const file = await reloadKeyed(await this.plan(), path, key, this.job.model).catch(() => null);
    return file ? finalFindings(file, findings, this.o.filter) : findings;
  }

  /** Findings of a file when every chunk was answered and readable, else why not. */
  private fileOutcome(parts: { ref: RequestRef; id: string }[]): Finding[] | { kind: ErrorKind; message: string } {
    const found: Finding[] = [];
    for (const { ref, id } of parts) {
      const r = this.results.get(id);
      if (!r?.ok) return this.failureOf(id);
      try {
        found.push(...mapToFile(parseFindings(r.text, ref.lines), { startLine: ref.startLine, lines: [] }));
      } catch (e) {
        if (e instanceof FindingsParseError) return { kind: 'protocol', message: `Unusable review reply: ${e.message}` };
        throw e;
      }
    }
    return mergeFindings(found);
  }

  /** `retryWith: 'live'`: the files of the failed lines through the live review path. */
  private async live(retry: string[], totals: Totals): Promise<Map<string, FileResult>> {
    const out = new Map<string, FileResult>();
    if (this.o.retryWith !== 'live' || retry.length === 0 || !this.o.plan || !this.o.live) return out;
    const plan = { files: this.filesOf(this.o.plan, retry), skipped: [], maxFileBytes: this.o.plan.maxFileBytes };
    const outcome = await reviewFiles(plan, { client: this.o.live.client, model: this.job.model, models: this.o.models, cache: this.o.cache, signal: this.o.signal, concurrency: this.o.live.concurrency, maxRetries: this.o.live.maxRetries, chunk: this.o.chunk, maxTokens: this.o.maxTokens, diffFilter: this.o.filter });
    for (const f of outcome.files) out.set(f.path, f);
    totals.costUsd += outcome.summary.costUsd;
    totals.requests += outcome.summary.requests;
    totals.promptTokens += outcome.summary.promptTokens;
    totals.completionTokens += outcome.summary.completionTokens;
    totals.cachedPromptTokens += outcome.summary.cachedPromptTokens;
    totals.reasoningTokens += outcome.summary.reasoningTokens;
    return out;
  }
}

/** Waits for (or with wait: false, looks at) the job and collects it; null while a batch is still running. */
export function collectBatchReview(job: JobRecord, o: CollectOptions): Promise<Collected | null> {
  return new Collector(job, o).run();
}
