// `review`'s batch options (`--batch`, `--batch auto`, `--no-wait`…): specs, help and parsing.
// reviewOptions.ts composes them into the review command line.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLL_MS, MIN_POLL_MS } from '../core/review/batch/poll';
import { UsageError, numberOption } from './args';

export const BATCH_OPTION_SPECS = {
  batch: { type: 'boolean' },
  'batch-auto': { type: 'boolean' },
  'batch-poll-ms': { type: 'string' },
  'batch-price-factor': { type: 'string' },
  'batch-fallback': { type: 'string' },
  'no-wait': { type: 'boolean' },
  'cancel-batch': { type: 'boolean' },
} as const;

export const BATCH_HELP = `Batch (the relay's batch API: half price, answers within 24 h, usually minutes; the same plan,
report and exit codes as a live review):
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
