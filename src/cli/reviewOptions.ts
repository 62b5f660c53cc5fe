// `review`'s command line: its options, help text and the parsed command.
import { DEFAULT_SETTINGS } from '../core/config';
import { DEFAULT_MAX_FINDINGS_PER_FILE, DEFAULT_MIN_CONFIDENCE } from '../core/review/policy';
import { DIFF_FILTERS, parseShard, type DiffFilter, type Severity, type Shard } from '../core/review';
import { RELAY_OPTION_SPECS, UsageError, numberOption, parseCommandLine, priceOption, relayOptionsFrom, relayOptionsHelp, type PriceOption, type RelayCliOptions } from './args';
import { BATCH_HELP, BATCH_OPTION_SPECS, batchOptionsFrom, defaultCacheDir, normalizeBatchArgv, type BatchCliOptions } from './batchOptions';
import type { CliIo } from './io';

export const REVIEW_OPTION_SPECS = {
  ...RELAY_OPTION_SPECS,
  ...BATCH_OPTION_SPECS,
  concurrency: { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  cache: { type: 'string' },
  'max-cost': { type: 'string' },
  'max-file-bytes': { type: 'string' },
  price: { type: 'string' },
  changed: { type: 'boolean' },
  base: { type: 'string' },
  filter: { type: 'string' },
  root: { type: 'string' },
  shard: { type: 'string' },
  'min-confidence': { type: 'string' },
  'min-severity': { type: 'string' },
  'max-findings-per-file': { type: 'string' },
  baseline: { type: 'string' },
  'baseline-show': { type: 'boolean' },
  'write-baseline': { type: 'string' },
  'no-rules': { type: 'boolean' },
} as const;

export const REVIEW_HELP = `Usage: relay-assistant review [options] [paths...]

Reviews files through the relay and reports findings. In a git work tree the files are git's
(tracked, plus untracked ones no .gitignore excludes); outside git every .gitignore is honoured.
Paths (absolute or relative, files or folders) narrow that set; default: the current folder.
Skipped: secrets (by name, or a private key or token in the text), binaries, files over
--max-file-bytes, lockfiles, minified files, source maps, snapshots, vendored folders
(node_modules, vendor, third_party…), build output git does not track, .gitattributes
linguist-generated / linguist-vendored files, and this run's own --output and --cache.

Where:
  --root DIR             report paths relative to DIR (default: the git top level of the first
                         path; outside git the current folder, or the folder holding every path)
  --changed              only files changed against git HEAD (and untracked ones)
  --base REF             pull request mode: files changed since git merge-base REF HEAD, sent
                         with their diff; findings only on changed lines (see --filter)
  --filter MODE          with --base: added (default; added or changed lines), diff_context
                         (the diff hunks with their context lines) or file (anywhere in the file)
  --shard I/N            review only shard I of N (files split by a hash of their path)
  --include GLOB         only files matching (repeatable, relative to the root; default **/*)
  --exclude GLOB         leave out files matching (repeatable)
  --max-file-bytes N     skip files larger than N bytes (default ${DEFAULT_SETTINGS['review.maxFileBytes']})

Sending:
  --concurrency N        requests in flight at once (default ${DEFAULT_SETTINGS['review.concurrency']})
  --rpm N                requests started per minute, 0 for no limit (default 0)
  --tpm N                estimated prompt tokens per minute, 0 for no limit (default 0)
  --cache DIR            reuse findings of unchanged files from DIR (content, rules, prompt, model)
  --max-cost USD         refuse to start when the estimated cost is above USD (nothing is sent)
  --price IN/OUT[/CACHED[/WRITE]]
                         USD per million input/output (and cached-input, cache-write) tokens,
                         for models without a known price

Report:
  --format F             text (default), json, sarif (SARIF 2.1.0 for code scanning) or
                         markdown (a pull request comment or job summary)
  --output FILE          write the report to FILE (its folder is created) instead of stdout
  --fail-on LEVEL        error (default), warning or never: which findings make the exit code 1
                         (with --baseline only new findings count)
  --min-confidence N     hide findings the reviewer rated below N (0-1, default ${DEFAULT_MIN_CONFIDENCE});
                         findings the model did not rate are kept
  --min-severity LEVEL   hide findings below error, warning or info (default info: none)
  --max-findings-per-file N
                         show at most N findings per file, most severe first (default
                         ${DEFAULT_MAX_FINDINGS_PER_FILE}, 0 for no limit); hidden ones are counted
  --baseline FILE        a JSON or SARIF report of an earlier run: report only new findings
                         (by fingerprint, stable when lines move); the rest are counted
  --baseline-show        with --baseline: also report unchanged findings (SARIF baselineState)
  --write-baseline FILE  write every current finding as a JSON baseline for later runs
  --no-rules             do not send the repository's review rules (REVIEW.md, .relay/review.md,
                         .github/instructions/*.instructions.md, .relay/review.json); with
                         --base they are read from the base ref, never from the changes
Suppressions: a comment with "relay-review: ignore [category] reason" on a line or the line above
hides findings there; "relay-review: ignore-file" in the first 10 lines skips the file;
.relay/review-suppressions.json lists dismissed findings (fingerprint, path glob, category).
Progress goes to stderr: a bar on a terminal, else a line every 10 s or 5%.

${BATCH_HELP}

${relayOptionsHelp(DEFAULT_SETTINGS.reviewModel)}

Exit codes: 0 no finding reaches --fail-on; 1 one does; 2 usage error, not a git repository
(--changed, --base) or refused (--max-cost); 3 some files could not be reviewed (failed, or
cancelled by Ctrl+C / SIGTERM: the partial report is still written; with --batch also a relay
without a batch API, or a wait stopped while the batch runs on); 4 internal error (e.g. the
--output file cannot be written; found before anything is sent).
`;

export type Format = 'text' | 'json' | 'sarif' | 'markdown';

export interface ReviewCommand {
  relay: RelayCliOptions;
  paths: string[];
  root: string | undefined;
  concurrency: number;
  rpm: number;
  tpm: number;
  include: string[];
  exclude: string[];
  changed: boolean;
  base: string | undefined;
  filter: DiffFilter;
  shard: Shard | undefined;
  format: Format;
  output: string | undefined;
  failOn: Severity | 'never';
  cache: string | undefined;
  maxCost: number | undefined;
  maxFileBytes: number;
  price: PriceOption | undefined;
  /** --batch and its options; null for a live review. */
  batch: BatchCliOptions | null;
  /** true when --model was given (it then wins over .relay/review.json). */
  modelGiven: boolean;
  /** Thresholds: undefined when not given (.relay/review.json, then the defaults, apply). */
  minConfidence: number | undefined;
  minSeverity: Severity | undefined;
  maxFindingsPerFile: number | undefined;
  baseline: string | undefined;
  baselineShow: boolean;
  writeBaseline: string | undefined;
  noRules: boolean;
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
}

function shardOption(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const shard = parseShard(raw);
  if (!shard) throw new UsageError(`--shard must look like I/N with 1 <= I <= N (e.g. 2/4), got "${raw}"`);
  return shard;
}

export function reviewCommandFrom(argv: string[], io: CliIo): ReviewCommand | 'help' {
  const { values, positionals } = parseCommandLine(normalizeBatchArgv(argv), REVIEW_OPTION_SPECS);
  if (values.help) return 'help';
  if (values.changed && values.base !== undefined) throw new UsageError('--changed and --base exclude each other (--base compares with a ref, --changed with HEAD)');
  if (values.filter !== undefined && values.base === undefined) throw new UsageError('--filter applies to --base (pull request mode) only');
  if (values.base !== undefined && !values.base.trim()) throw new UsageError('--base needs a git ref, e.g. origin/main');
  if (values['baseline-show'] && values.baseline === undefined) throw new UsageError('--baseline-show applies with --baseline FILE only');
  const batch = batchOptionsFrom(values);
  return {
    relay: relayOptionsFrom(values, io.env, DEFAULT_SETTINGS.reviewModel),
    paths: positionals,
    root: values.root,
    concurrency: numberOption('concurrency', values.concurrency, { min: 1, max: 256, integer: true }) ?? DEFAULT_SETTINGS['review.concurrency'],
    rpm: numberOption('rpm', values.rpm, { min: 0, integer: true }) ?? 0,
    tpm: numberOption('tpm', values.tpm, { min: 0, integer: true }) ?? 0,
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    changed: values.changed === true,
    base: values.base?.trim(),
    filter: oneOf('filter', values.filter, DIFF_FILTERS, 'added'),
    shard: shardOption(values.shard),
    format: oneOf('format', values.format, ['text', 'json', 'sarif', 'markdown'] as const, 'text'),
    output: values.output,
    failOn: oneOf('fail-on', values['fail-on'], ['error', 'warning', 'never'] as const, 'error'),
    // A batch is recorded in the cache folder: without --cache, the user's one.
    cache: values.cache ?? (batch ? defaultCacheDir(io.env) : undefined),
    maxCost: numberOption('max-cost', values['max-cost'], { min: 0 }),
    maxFileBytes: numberOption('max-file-bytes', values['max-file-bytes'], { min: 1, integer: true }) ?? DEFAULT_SETTINGS['review.maxFileBytes'],
    price: priceOption(values.price),
    batch,
    modelGiven: values.model !== undefined,
    minConfidence: numberOption('min-confidence', values['min-confidence'], { min: 0, max: 1 }),
    minSeverity: values['min-severity'] === undefined ? undefined : oneOf('min-severity', values['min-severity'], ['error', 'warning', 'info'] as const, 'info'),
    maxFindingsPerFile: numberOption('max-findings-per-file', values['max-findings-per-file'], { min: 0, integer: true }),
    baseline: values.baseline,
    baselineShow: values['baseline-show'] === true,
    writeBaseline: values['write-baseline'],
    noRules: values['no-rules'] === true,
  };
}
