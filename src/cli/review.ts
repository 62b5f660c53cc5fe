// `relay-assistant review [paths…]`: the review engine headless, for people and CI gates.
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_SETTINGS } from '../core/config';
import { createRelayClient } from '../core/relay';
import {
  DirectoryCache, estimateReview, gitChangedFiles, nodeFileSource, planFiles, reaches, reviewFiles, toJsonReport, toSarif,
  type ReviewEstimate, type ReviewOutcome, type ReviewPlan, type Severity,
} from '../core/review';
import { EXIT_OK, EXIT_USAGE, RELAY_OPTION_SPECS, UsageError, apiKeyOf, numberOption, parseCommandLine, relayOptionsFrom, relayOptionsHelp, toClientOptions, type RelayCliOptions } from './args';
import { BATCH_HELP, BATCH_OPTION_SPECS, batchOptionsFrom, normalizeBatchArgv, runBatchCommand, type BatchCliOptions } from './batch';
import { oneLine, type CliIo } from './io';
import { redact } from './redact';

export const EXIT_FINDINGS = 1;
export const EXIT_FILES_FAILED = 3;

const REVIEW_OPTION_SPECS = {
  ...RELAY_OPTION_SPECS,
  ...BATCH_OPTION_SPECS,
  concurrency: { type: 'string' },
  rpm: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  cache: { type: 'string' },
  'max-cost': { type: 'string' },
  changed: { type: 'boolean' },
} as const;

export const REVIEW_HELP = `Usage: relay-assistant review [options] [paths...]

Reviews files (default: everything under the current folder) through the relay and reports
findings. Skips secrets (.env*, *.pem, *.key, id_rsa*, credentials…), binaries, files over
${DEFAULT_SETTINGS['review.maxFileBytes']} bytes, lockfiles, generated and vendored folders, and .gitignore'd files.

Review options:
  --concurrency N        requests in flight at once (default ${DEFAULT_SETTINGS['review.concurrency']})
  --rpm N                requests started per minute, 0 for no limit (default 0)
  --include GLOB         only files matching (repeatable; default **/*)
  --exclude GLOB         leave out files matching (repeatable)
  --changed              only files changed against git HEAD (and untracked ones)
  --format F             text (default), json or sarif (SARIF 2.1.0 for code scanning)
  --output FILE          write the report to FILE instead of stdout
  --fail-on LEVEL        error (default), warning or never: which findings make the exit code 1
  --cache DIR            reuse findings of unchanged files from DIR (content + prompt + model)
  --max-cost USD         refuse to start when the estimated cost is above USD (nothing is sent)

${BATCH_HELP}

${relayOptionsHelp(DEFAULT_SETTINGS.reviewModel)}

Exit codes: 0 no finding reaches --fail-on; 1 one does; 2 usage error or refused (--max-cost);
3 some files could not be reviewed (failed or cancelled).
`;

type Format = 'text' | 'json' | 'sarif';

interface ReviewCommand {
  relay: RelayCliOptions;
  paths: string[];
  concurrency: number;
  rpm: number;
  include: string[];
  exclude: string[];
  changed: boolean;
  format: Format;
  output: string | undefined;
  failOn: Severity | 'never';
  cache: string | undefined;
  maxCost: number | undefined;
  batch: BatchCliOptions | null;
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
}

function commandFrom(argv: string[], io: CliIo): ReviewCommand | 'help' {
  const { values, positionals } = parseCommandLine(argv, REVIEW_OPTION_SPECS);
  if (values.help) return 'help';
  return {
    relay: relayOptionsFrom(values, io.env, DEFAULT_SETTINGS.reviewModel),
    paths: positionals,
    concurrency: numberOption('concurrency', values.concurrency, { min: 1, max: 256, integer: true }) ?? DEFAULT_SETTINGS['review.concurrency'],
    rpm: numberOption('rpm', values.rpm, { min: 0, integer: true }) ?? 0,
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    changed: values.changed === true,
    format: oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text'),
    output: values.output,
    failOn: oneOf('fail-on', values['fail-on'], ['error', 'warning', 'never'] as const, 'error'),
    cache: values.cache,
    maxCost: numberOption('max-cost', values['max-cost'], { min: 0 }),
    batch: batchOptionsFrom(values),
  };
}

/** Paths must lie inside the current folder: report paths, globs and .gitignore are relative to it. */
function checkInside(root: string, paths: string[]): void {
  for (const p of paths) {
    const rel = relative(root, resolve(root, p));
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`"${p}" is outside the current folder; run the review from a folder that contains it`);
  }
}

async function planFor(c: ReviewCommand, root: string): Promise<ReviewPlan> {
  checkInside(root, c.paths);
  let paths = c.paths;
  if (c.changed) {
    const changed = await gitChangedFiles(root);
    const wanted = paths.map((p) => resolve(root, p));
    paths = changed.filter((p) => wanted.length === 0 || wanted.some((w) => resolve(root, p) === w || resolve(root, p).startsWith(w + '/')));
    if (paths.length === 0) return { files: [], skipped: [] };
  }
  try {
    return await planFiles(nodeFileSource(root, paths), { include: c.include, exclude: c.exclude, maxFileBytes: DEFAULT_SETTINGS['review.maxFileBytes'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new UsageError(`no such file or folder: ${err.path ?? ''}`);
    throw e;
  }
}

function costLine(e: ReviewEstimate, model: string): string {
  const cost = e.costUsd === null ? 'unknown cost (no price for this model)' : `about $${e.costUsd.toFixed(4)}`;
  return `${e.files} file(s) to send (${e.requests} request(s)), ${e.cachedFiles} cached, ${e.skippedFiles} skipped; ~${e.promptTokens + e.completionTokens} tokens, ${cost} with ${model}`;
}

/** null when the run may start, else why not. */
function refusal(e: ReviewEstimate, maxCost: number | undefined): string | null {
  if (maxCost === undefined || e.files === 0) return null;
  if (e.costUsd === null) return `--max-cost ${maxCost} given, but the review model has no known price`;
  return e.costUsd > maxCost ? `the estimated cost $${e.costUsd.toFixed(4)} is above --max-cost $${maxCost}` : null;
}

function textReport(o: ReviewOutcome): string {
  const lines: string[] = [];
  for (const f of o.files) {
    for (const x of f.findings) {
      const where = x.endLine && x.endLine !== x.line ? `${x.line}-${x.endLine}` : `${x.line}`;
      lines.push(`${f.path}:${where}: ${x.severity}: ${x.message}${x.rule ? ` [${x.rule}]` : ''}`);
    }
    if (f.status === 'failed') lines.push(`${f.path}: failed [${f.errorKind}]: ${f.reason}`);
  }
  const s = o.summary;
  lines.push(`${s.files} file(s): ${s.reviewed} reviewed, ${s.cached} cached, ${s.skipped} skipped, ${s.failed} failed; ${s.findings} finding(s); ${s.promptTokens + s.completionTokens} tokens, $${s.costUsd.toFixed(4)}, ${s.requests} request(s), ${(s.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

function render(o: ReviewOutcome, format: Format): string {
  if (format === 'json') return JSON.stringify(toJsonReport(o), null, 2) + '\n';
  if (format === 'sarif') return JSON.stringify(toSarif(o), null, 2) + '\n';
  return textReport(o);
}

function exitCode(o: ReviewOutcome, failOn: ReviewCommand['failOn']): number {
  if (o.summary.failed > 0) return EXIT_FILES_FAILED;
  if (failOn !== 'never' && o.files.some((f) => f.findings.some((x) => reaches(x, failOn)))) return EXIT_FINDINGS;
  return EXIT_OK;
}

async function execute(c: ReviewCommand, io: CliIo): Promise<number> {
  const root = process.cwd();
  const plan = await planFor(c, root);
  if (c.batch) {
    const done = await runBatchCommand(c.batch, { plan, root, relay: c.relay, cache: c.cache, maxCost: c.maxCost, concurrency: c.concurrency, io, deliver: (o) => deliver(c, o, io, root) });
    if (done !== 'live') return done;
  }
  const cache = c.cache ? new DirectoryCache(resolve(root, c.cache)) : undefined;
  const model = c.relay.model;
  const estimate = await estimateReview(plan, { model, cache });
  io.stderr(`review: ${costLine(estimate, model)}\n`);
  const refused = refusal(estimate, c.maxCost);
  if (refused) {
    io.stderr(`error[cost]: ${refused}; nothing was sent.\n`);
    return EXIT_USAGE;
  }
  const client = createRelayClient({ ...toClientOptions(c.relay, io.env), maxConnections: c.concurrency });
  let outcome: ReviewOutcome;
  try {
    outcome = await reviewFiles(plan, { client, model, concurrency: c.concurrency, requestsPerMinute: c.rpm, maxRetries: c.relay.retries, cache, signal: io.signal });
  } finally {
    await client.close();
  }
  return deliver(c, outcome, io, root);
}

/** The report (format, file or stdout) and the exit code; the same for live and batch reviews. */
async function deliver(c: ReviewCommand, outcome: ReviewOutcome, io: CliIo, root: string): Promise<number> {
  const text = redact(render(outcome, c.format), c.relay.apiKey);
  if (c.output) {
    await writeFile(resolve(root, c.output), text);
    io.stderr(`review: report written to ${c.output}\n`);
  } else io.stdout(text);
  if (outcome.stoppedBy) io.stderr(`error[${outcome.stoppedBy.kind}]: ${oneLine(redact(outcome.stoppedBy.message, c.relay.apiKey))} (the run stopped early)\n`);
  return exitCode(outcome, c.failOn);
}

export async function runReview(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = commandFrom(normalizeBatchArgv(argv), io);
    if (command === 'help') {
      io.stdout(REVIEW_HELP);
      return EXIT_OK;
    }
    return await execute(command, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error[usage]: ${oneLine(redact(e.message, apiKeyOf(argv, io.env)))}\nRun \`relay-assistant review --help\` for usage.\n`);
    return EXIT_USAGE;
  }
}
