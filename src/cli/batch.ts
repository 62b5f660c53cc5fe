// `relay-assistant review --batch`: the review through the relay's batch API at the batch price.
// The same plan as a live review (planReview: git's file set, root-relative paths, shard,
// secrets); submits (or picks up the batch an earlier run of the same command recorded), waits
// with progress on stderr, then hands the outcome to the live review's report and exit codes.
import { createBatchApi, createRelayClient, isRelayError, resolveModel, type RelayClient } from '../core/relay';
import {
  BatchUnsupportedError, JobStore, NO_BATCH_API, batchPriceFactor, cancelBatchJob, jobKeyOfPlan, keyPlan, runBatchReview, toBatchEstimate,
  type BatchOutcome, type BatchProgress, type KeyedPlan,
} from '../core/review/batch';
import { summarize, type FileResult, type ReviewOutcome } from '../core/review';
import { EXIT_OK, EXIT_USAGE, toClientOptions } from './args';
import type { BatchCliOptions } from './batchOptions';
import { oneLine, type CliIo } from './io';
import { redact } from '../core/redact';
import { formatCost } from '../core/models/format';
import { costLine, refusal, reportReview, type PreparedReview } from './review';

const EXIT_NOT_REVIEWED = 3;

function progressPrinter(io: CliIo): (p: BatchProgress) => void {
  let last = '';
  return (p) => {
    const statuses = [...new Set(p.batches.map((b) => b.status))].join(', ');
    const line = `review: batch ${p.batches.map((b) => b.id).join(', ')} ${statuses}: ${p.completed + p.failed}/${p.total} answered, ${p.failed} failed`;
    if (line !== last) io.stderr(`${line}\n`);
    last = line;
  };
}

/** Runs the planned review through the batch API; 'live' when `--batch auto` met a relay without one. */
export async function runBatchCommand(p: PreparedReview, b: BatchCliOptions, io: CliIo): Promise<number | 'live'> {
  const c = p.command;
  const relay = c.relay;
  // reviewCommandFrom gives a batch review a cache folder (--cache, else the user's): the record lives there.
  const cache = p.cache!;
  const dir = cache.dir;
  const store = new JobStore(dir);
  const model = p.model;
  const keyed = await keyPlan(p.plan, { model, cache, filter: c.filter });
  const recorded = await store.load(jobKeyOfPlan(keyed, relay.baseUrl, model));
  if (b.cancel && !recorded) {
    io.stderr('review: no batch is recorded for this command (same paths, relay and model); nothing to cancel.\n');
    return EXIT_OK;
  }
  if (!recorded) {
    const estimate = toBatchEstimate(p.estimate, batchPriceFactor(model, p.models, b.priceFactor));
    io.stderr(`review (batch): ${costLine({ ...p, estimate })} at the batch price (${Math.round(estimate.factor * 100)}%; live ${formatCost(estimate.liveCostUsd)})\n`);
    const refused = refusal(estimate, c.maxCost);
    if (refused) {
      io.stderr(`error[cost]: ${refused}; nothing was sent.\n`);
      return EXIT_USAGE;
    }
  } else io.stderr(`review: picking up batch ${recorded.batches.map((x) => x.id ?? '(being created)').join(', ')} recorded in ${dir}\n`);
  const options = { ...toClientOptions(relay, io.env), ...(p.models ? { models: p.models } : {}) };
  const api = createBatchApi(options);
  let live: RelayClient | undefined;
  let submitted = !!recorded;
  try {
    if (b.cancel && recorded) {
      const ids = await cancelBatchJob(recorded, api, io.signal);
      await store.save(recorded);
      io.stderr(ids.length ? `review: asked the relay to cancel batch ${ids.join(', ')}; collecting what it answered\n` : 'review: the recorded batch has already ended; collecting it\n');
    }
    if (b.fallback === 'live') live = createRelayClient({ ...options, maxConnections: c.concurrency });
    const outcome = await runBatchReview(p.plan, {
      api, cache, store, baseUrl: relay.baseUrl, model, models: p.models, priceFactor: b.priceFactor, pollMs: b.pollMs, wait: b.wait, retryWith: b.fallback, filter: c.filter,
      live: live && { client: live, concurrency: c.concurrency, maxRetries: relay.retries }, signal: io.signal, secrets: [relay.apiKey ?? ''].filter(Boolean),
      onCreated: (ref) => {
        submitted = true;
        io.stderr(`review: batch ${ref.id} submitted (${ref.customIds.length} request(s), round ${ref.round}); recorded in ${dir}\n`);
      },
      onStatus: progressPrinter(io),
    }, keyed);
    return await finish(outcome, p, b, io);
  } catch (e) {
    const done = failure(e, b, io, relay.apiKey, submitted ? dir : null, resolveModel(model));
    return done === 'stopped' ? reportReview(p, stoppedOutcome(p, keyed, submitted), io) : done;
  } finally {
    await api.close();
    await live?.close();
  }
}

async function finish(o: BatchOutcome, p: PreparedReview, b: BatchCliOptions, io: CliIo): Promise<number> {
  if (o.pending) {
    io.stdout(o.batchIds.map((id) => `${id}\n`).join(''));
    io.stderr('review: the batch is running on the relay; run the same command again to collect the results.\n');
    return EXIT_OK;
  }
  if (o.failedBatch) io.stderr(`error[batch]: the relay rejected the batch: ${oneLine(redact(o.failedBatch, p.command.relay.apiKey))}\n`);
  if (!b.wait && o.batchIds.length === 0) io.stderr('review: nothing to submit: every file came from the cache.\n');
  return reportReview(p, o, io);
}

/**
 * Ctrl+C / SIGTERM: the partial report a stopped live review writes. What the cache answered is
 * in it; the other files are cancelled (a submitted batch runs on and the same command collects it).
 */
function stoppedOutcome(p: PreparedReview, keyed: KeyedPlan, submitted: boolean): ReviewOutcome {
  const reason = submitted ? 'not collected: the batch keeps running on the relay; run the same command again to collect it' : 'cancelled before the batch was created (nothing was billed)';
  const known = new Set([...keyed.cached, ...keyed.skipped].map((f) => f.path));
  const open: FileResult[] = p.plan.files.filter((f) => !known.has(f.path)).map((f) => ({ path: f.path, status: 'failed', errorKind: 'cancelled', reason, findings: [] }));
  const files = [...keyed.cached, ...keyed.skipped, ...open, ...p.plan.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, summary: summarize(files, { promptTokens: 0, completionTokens: 0, costUsd: 0, requests: 0, durationMs: 0 }), peakInFlight: 0, stoppedBy: null };
}

/** `dir`: where the submitted batch is recorded; null when none was created. 'stopped': the run was cancelled (Ctrl+C, SIGTERM). */
function failure(e: unknown, b: BatchCliOptions, io: CliIo, key: string | undefined, dir: string | null, model: string): number | 'live' | 'stopped' {
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
    return 'stopped';
  }
  const kept = dir ? `; the submitted batch stays recorded in ${dir}: run the same command again to collect it` : '';
  io.stderr(`error[${e.kind}]: ${oneLine(redact(e.message, key))} (batch review with ${model}${kept})\n`);
  return EXIT_NOT_REVIEWED;
}
