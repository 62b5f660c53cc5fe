// `relay-assistant review --batch`: the review through the relay's batch API at the batch price.
// Submits (or picks up the batch an earlier run of the same command recorded), waits with
// progress on stderr, then hands the outcome to the live review's report, cache and exit codes.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBatchApi, createRelayClient, isRelayError, resolveModel, type RelayClient } from '../core/relay';
import { DirectoryCache, estimateReview, type ReviewOutcome, type ReviewPlan } from '../core/review';
import {
  BatchUnsupportedError, DEFAULT_POLL_MS, JobStore, MIN_POLL_MS, NO_BATCH_API, batchPriceFactor, cancelBatchJob, jobKeyOf, runBatchReview, toBatchEstimate,
  type BatchEstimate, type BatchOutcome, type BatchProgress,
} from '../core/review/batch';
import { EXIT_OK, EXIT_USAGE, UsageError, numberOption, toClientOptions, type RelayCliOptions } from './args';
import { oneLine, type CliIo } from './io';
import { redact } from './redact';

const EXIT_NOT_REVIEWED = 3;

export const BATCH_OPTION_SPECS = {
  batch: { type: 'boolean' },
  'batch-auto': { type: 'boolean' },
  'batch-poll-ms': { type: 'string' },
  'batch-price-factor': { type: 'string' },
  'batch-fallback': { type: 'string' },
  'no-wait': { type: 'boolean' },
  'cancel-batch': { type: 'boolean' },
} as const;

export const BATCH_HELP = `Batch options (the relay's batch API: half price, answers within 24 h, usually minutes):
  --batch                review through the batch API; the batch is recorded in the cache folder
                         (--cache DIR, else ${defaultCacheDir({}).replace(homedir(), '~')}) and a re-run of
                         the same command picks it up instead of submitting (and paying) again
  --batch auto           the same, but a relay without a batch API gets the live review instead
  --batch-poll-ms N      first wait between status checks (default ${DEFAULT_POLL_MS}, at least ${MIN_POLL_MS});
                         it grows to a minute
  --batch-price-factor F share of the price table the batch costs (default 0.5: half price)
  --batch-fallback M     how failed or expired requests are retried once: batch (default) or live
  --no-wait              submit, print the batch id and exit 0; run the same command later to collect
  --cancel-batch         cancel the batch this command recorded; report what it answered`;

export interface BatchCliOptions {
  auto: boolean;
  pollMs: number;
  priceFactor: number | undefined;
  fallback: 'batch' | 'live';
  wait: boolean;
  cancel: boolean;
}

type BatchValues = Partial<Record<'batch' | 'batch-auto' | 'no-wait' | 'cancel-batch', boolean>> & Partial<Record<'batch-poll-ms' | 'batch-price-factor' | 'batch-fallback', string>>;

/** `--batch auto` / `--batch=auto` as one flag, so that parseArgs keeps `--batch` a boolean. */
export function normalizeBatchArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    if (argv[i] === '--batch=auto' || (argv[i] === '--batch' && argv[i + 1] === 'auto')) {
      out.push('--batch-auto');
      if (argv[i] === '--batch') i++;
    } else out.push(argv[i]);
  }
  return out;
}

/** The batch options, or null without --batch (the batch-only options then are a usage error). */
export function batchOptionsFrom(values: BatchValues): BatchCliOptions | null {
  const on = values.batch === true || values['batch-auto'] === true;
  if (!on) {
    const stray = (['batch-poll-ms', 'batch-price-factor', 'batch-fallback', 'no-wait', 'cancel-batch'] as const).find((k) => values[k] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --batch`);
    return null;
  }
  const fallback = values['batch-fallback'] ?? 'batch';
  if (fallback !== 'batch' && fallback !== 'live') throw new UsageError(`--batch-fallback must be batch or live, got "${fallback}"`);
  if (values['no-wait'] && values['cancel-batch']) throw new UsageError('--no-wait and --cancel-batch do not go together');
  return {
    auto: values['batch-auto'] === true,
    pollMs: numberOption('batch-poll-ms', values['batch-poll-ms'], { min: MIN_POLL_MS, max: 3_600_000, integer: true }) ?? DEFAULT_POLL_MS,
    priceFactor: numberOption('batch-price-factor', values['batch-price-factor'], { min: 0, max: 10 }),
    fallback,
    wait: values['no-wait'] !== true,
    cancel: values['cancel-batch'] === true,
  };
}

/** Where batch records and findings go without --cache: the user's cache folder. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'relay-assistant', 'review-cache');
}

export interface BatchRun {
  plan: ReviewPlan;
  root: string;
  relay: RelayCliOptions;
  /** --cache DIR as given (relative to root), or undefined. */
  cache: string | undefined;
  maxCost: number | undefined;
  concurrency: number;
  io: CliIo;
  /** The live review's report: format, output file, exit code. */
  deliver(outcome: ReviewOutcome): Promise<number>;
}

function money(usd: number | null): string {
  return usd === null ? 'unknown' : `$${usd.toFixed(4)}`;
}

function estimateLine(e: BatchEstimate, model: string): string {
  return `review (batch): ${e.files} file(s) to send (${e.requests} request(s)), ${e.cachedFiles} cached, ${e.skippedFiles} skipped; ~${e.promptTokens + e.completionTokens} tokens, about ${money(e.costUsd)} at the batch price (${Math.round(e.factor * 100)}%; live ${money(e.liveCostUsd)}) with ${model}`;
}

function progressPrinter(io: CliIo): (p: BatchProgress) => void {
  let last = '';
  return (p) => {
    const statuses = [...new Set(p.batches.map((b) => b.status))].join(', ');
    const line = `review: batch ${p.batches.map((b) => b.id).join(', ')} ${statuses}: ${p.completed + p.failed}/${p.total} answered, ${p.failed} failed`;
    if (line !== last) io.stderr(`${line}\n`);
    last = line;
  };
}

/** Runs the batch review; 'live' when `--batch auto` met a relay without a batch API. */
export async function runBatchCommand(b: BatchCliOptions, r: BatchRun): Promise<number | 'live'> {
  const { io, relay, plan } = r;
  const dir = r.cache ? resolve(r.root, r.cache) : defaultCacheDir(io.env);
  const cache = new DirectoryCache(dir);
  const store = new JobStore(dir);
  const model = relay.model;
  const recorded = await store.load(jobKeyOf(relay.baseUrl, model, plan.files));
  if (b.cancel && !recorded) {
    io.stderr('review: no batch is recorded for this command (same paths, relay and model); nothing to cancel.\n');
    return EXIT_OK;
  }
  if (!recorded) {
    const estimate = toBatchEstimate(await estimateReview(plan, { model, cache }), batchPriceFactor(model, undefined, b.priceFactor));
    io.stderr(`${estimateLine(estimate, model)}\n`);
    const refused = refusal(estimate, r.maxCost);
    if (refused) {
      io.stderr(`error[cost]: ${refused}; nothing was sent.\n`);
      return EXIT_USAGE;
    }
  } else io.stderr(`review: picking up batch ${recorded.batches.map((x) => x.id ?? '(being created)').join(', ')} recorded in ${dir}\n`);
  const options = toClientOptions(relay, io.env);
  const api = createBatchApi(options);
  let live: RelayClient | undefined;
  let submitted = !!recorded;
  try {
    if (b.cancel && recorded) {
      const ids = await cancelBatchJob(recorded, api, io.signal);
      await store.save(recorded);
      io.stderr(ids.length ? `review: asked the relay to cancel batch ${ids.join(', ')}; collecting what it answered\n` : 'review: the recorded batch has already ended; collecting it\n');
    }
    if (b.fallback === 'live') live = createRelayClient({ ...options, maxConnections: r.concurrency });
    const outcome = await runBatchReview(plan, {
      api, cache, store, baseUrl: relay.baseUrl, model, priceFactor: b.priceFactor, pollMs: b.pollMs, wait: b.wait, retryWith: b.fallback,
      live: live && { client: live, concurrency: r.concurrency, maxRetries: relay.retries }, signal: io.signal, secrets: [relay.apiKey ?? ''].filter(Boolean),
      onCreated: (ref) => {
        submitted = true;
        io.stderr(`review: batch ${ref.id} submitted (${ref.customIds.length} request(s), round ${ref.round}); recorded in ${dir}\n`);
      },
      onStatus: progressPrinter(io),
    });
    return await finish(outcome, b, r);
  } catch (e) {
    return failure(e, b, r, submitted ? dir : null, resolveModel(model));
  } finally {
    await api.close();
    await live?.close();
  }
}

function refusal(e: BatchEstimate, maxCost: number | undefined): string | null {
  if (maxCost === undefined || e.files === 0) return null;
  if (e.costUsd === null) return `--max-cost ${maxCost} given, but the review model has no known price`;
  return e.costUsd > maxCost ? `the estimated batch cost $${e.costUsd.toFixed(4)} is above --max-cost $${maxCost}` : null;
}

async function finish(o: BatchOutcome, b: BatchCliOptions, r: BatchRun): Promise<number> {
  if (o.pending) {
    r.io.stdout(o.batchIds.map((id) => `${id}\n`).join(''));
    r.io.stderr('review: the batch is running on the relay; run the same command again to collect the results.\n');
    return EXIT_OK;
  }
  if (o.failedBatch) r.io.stderr(`error[batch]: the relay rejected the batch: ${oneLine(redact(o.failedBatch, r.relay.apiKey))}\n`);
  if (!b.wait && o.batchIds.length === 0) r.io.stderr('review: nothing to submit: every file came from the cache.\n');
  return r.deliver(o);
}

/** `dir`: where the submitted batch is recorded; null when none was created. */
function failure(e: unknown, b: BatchCliOptions, r: BatchRun, dir: string | null, model: string): number | 'live' {
  const { io } = r;
  if (e instanceof BatchUnsupportedError) {
    if (b.auto) {
      io.stderr('review: this relay has no batch API; reviewing on the live path instead.\n');
      return 'live';
    }
    io.stderr(`error[batch]: ${NO_BATCH_API}. Nothing was billed.\n`);
    return EXIT_NOT_REVIEWED;
  }
  if (!isRelayError(e)) throw e;
  if (e.kind === 'cancelled') {
    io.stderr(dir ? `review: stopped waiting. The batch keeps running on the relay (recorded in ${dir}); run the same command again to collect it, or add --cancel-batch to cancel it.\n` : 'review: stopped before a batch was created; nothing was billed.\n');
    return EXIT_NOT_REVIEWED;
  }
  const kept = dir ? `; the submitted batch stays recorded in ${dir}: run the same command again to collect it` : '';
  io.stderr(`error[${e.kind}]: ${oneLine(redact(e.message, r.relay.apiKey))} (batch review with ${model}${kept})\n`);
  return EXIT_NOT_REVIEWED;
}
