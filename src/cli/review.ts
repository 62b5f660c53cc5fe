// `relay-assistant review [paths…]`: the review engine headless, for people and CI gates.
// Three steps with clear boundaries: planReview (root, file set, shard, estimate; nothing sent),
// executeReview (the requests), reportReview (render, write, exit code). Other ways of sending
// (a batch API) can reuse the first and the last.
import { isAbsolute, relative, resolve } from 'node:path';
import { originOf } from '../core/config';
import { createRelayClient, type ModelOverride } from '../core/relay';
import {
  DirectoryCache, GitError, NotGitRepositoryError, OutsideRootError, estimateReview, planFiles, reaches, repoFileSource, resolveReviewRoot,
  reviewFiles, shardPlan, toJsonReport, toMarkdown, toSarif, toText,
  type Finding, type OwnPath, type ReviewEstimate, type ReviewOutcome, type ReviewPlan, type ReviewReport, type ReviewRoot, type Severity,
} from '../core/review';
import { FindingFilter } from '../core/review/policy';
import type { RulesUsed } from '../core/review/rules';
import { attachRules, findingFilter, loadRepoPolicy, type RepoPolicy } from './reviewPolicy';
import { shardLabel } from '../core/review/shard';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, apiKeyOf, modelOverridesOf, toClientOptions } from './args';
import { runBatchCommand } from './batch';
import { oneLine, type CliIo } from './io';
import { redact } from '../core/redact';
import { formatUsd } from '../core/models/format';
import { OutputError, prepareOutput, writeOutput } from './output';
import { progressReporter } from './progress';
import { REVIEW_HELP, reviewCommandFrom, type ReviewCommand } from './reviewOptions';

export { REVIEW_HELP } from './reviewOptions';
export const EXIT_FINDINGS = 1;
export const EXIT_FILES_FAILED = 3;

/** Everything decided before the first request: where, what, with which model, at what estimated cost. */
export interface PreparedReview {
  command: ReviewCommand;
  root: ReviewRoot;
  plan: ReviewPlan;
  cache: DirectoryCache | undefined;
  model: string;
  models: Record<string, ModelOverride> | undefined;
  estimate: ReviewEstimate;
  /** Absolute --output path, checked writable. */
  output: string | undefined;
  /** The repository's rules, suppressions and baseline. */
  policy: RepoPolicy;
  /** What the report says about the rules. */
  rulesUsed: RulesUsed;
}

/** A run stopped before it could plan: the message and exit code for it. */
class Refusal extends Error {
  constructor(readonly tag: string, message: string, readonly code: number) {
    super(message);
  }
}

function inside(root: string, path: string): string | null {
  const rel = relative(root, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : rel.split('\\').join('/');
}

/** The run's own output (report file, cache folder) when inside the root: never reviewed. */
function ownPaths(root: string, output: string | undefined, cache: string | undefined): OwnPath[] {
  const own: OwnPath[] = [];
  const out = output && inside(root, output);
  const dir = cache && inside(root, cache);
  if (out) own.push({ path: out, reason: 'this review\'s own report (--output)' });
  if (dir) own.push({ path: dir, reason: 'this review\'s cache folder (--cache)' });
  return own;
}

async function rootOf(c: ReviewCommand): Promise<ReviewRoot> {
  try {
    return await resolveReviewRoot(process.cwd(), c.paths, c.root);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new UsageError(`no such file or folder: ${err.path ?? ''}`);
    if (e instanceof OutsideRootError) throw new UsageError(`${e.message}; give a --root that contains every path`);
    throw e;
  }
}

function modelsFor(c: ReviewCommand): Record<string, ModelOverride> | undefined {
  return modelOverridesOf(c.relay.model, c.price, c.relay.reasoningEffort);
}

/** Root, file set, shard and estimate; checks --output. Sends nothing. */
export async function planReview(c: ReviewCommand): Promise<PreparedReview> {
  const root = await rootOf(c);
  const cwd = process.cwd();
  const output = c.output === undefined ? undefined : resolve(cwd, c.output);
  const cacheDir = c.cache === undefined ? undefined : resolve(cwd, c.cache);
  if (output) await prepareOutput(output);
  if ((c.changed || c.base) && !root.git) {
    throw new Refusal('git', `This folder is not a git repository (${root.root}); ${c.base ? '--base' : '--changed'} needs one`, EXIT_USAGE);
  }
  const policy = await loadRepoPolicy(c, root);
  const only = c.base ? { base: c.base } : c.changed ? { changed: true as const } : undefined;
  const source = repoFileSource({ root: root.root, paths: root.paths, git: root.git, only, own: ownPaths(root.root, output, cacheDir) });
  let plan: ReviewPlan;
  try {
    plan = shardPlan(await planFiles(source, { include: c.include, exclude: c.exclude, maxFileBytes: c.maxFileBytes }), c.shard);
  } catch (e) {
    if (e instanceof GitError) throw new Refusal('git', e.message, EXIT_USAGE);
    if (e instanceof NotGitRepositoryError) throw new Refusal('git', `This folder is not a git repository (${root.root})`, EXIT_USAGE);
    throw e;
  }
  const rulesUsed = attachRules(plan, policy);
  const cache = cacheDir ? new DirectoryCache(cacheDir, originOf(c.relay.baseUrl)) : undefined;
  const model = c.relay.model;
  const models = modelsFor(c);
  const estimate = await estimateReview(plan, { model, models, cache, filter: c.filter });
  return { command: c, root, plan, cache, model, models, estimate, output, policy, rulesUsed };
}

export function costLine(p: PreparedReview): string {
  const e = p.estimate;
  const cost = e.costUsd === null ? 'unknown cost (no price for this model; see --price)' : `about ${formatUsd(e.costUsd)} (assuming no prompt cache)`;
  const shard = shardLabel(p.command.shard);
  return `${shard ? `${shard}: ` : ''}${e.files} file(s) to send (${e.requests} request(s)), ${e.cachedFiles} cached, ${e.skippedFiles} skipped; ~${e.promptTokens + e.completionTokens} tokens, ${cost} with ${p.model}`;
}

/** null when the run may start, else why not. */
export function refusal(e: ReviewEstimate, maxCost: number | undefined): string | null {
  if (maxCost === undefined || e.files === 0) return null;
  if (e.costUsd === null) return `--max-cost ${maxCost} given, but the review model has no known price (give one with --price IN/OUT)`;
  return e.costUsd > maxCost ? `the estimated cost ${formatUsd(e.costUsd)} is above --max-cost $${maxCost}` : null;
}

/** Sends the plan through the relay, with progress on stderr; stops (keeping what is done) on the io signal. */
export async function executeReview(p: PreparedReview, io: CliIo): Promise<ReviewOutcome> {
  const c = p.command;
  const client = createRelayClient({ ...toClientOptions(c.relay, io.env), maxConnections: c.concurrency, ...(p.models ? { models: p.models } : {}) });
  const progress = progressReporter({ write: io.stderr, tty: io.stderrIsTTY === true, total: p.plan.files.length });
  const timer = setInterval(() => progress.tick(), 1000);
  timer.unref?.();
  try {
    return await reviewFiles(p.plan, {
      client, model: p.model, models: p.models, concurrency: c.concurrency, requestsPerMinute: c.rpm, tokensPerMinute: c.tpm,
      maxRetries: c.relay.retries, cache: p.cache, signal: io.signal, diffFilter: c.filter, onProgress: (x) => progress.update(x),
    });
  } finally {
    clearInterval(timer);
    progress.end();
    await client.close();
  }
}

/** GitHub Actions: findings link to the reviewed commit when the root is the repository's top level. */
function linkBase(p: PreparedReview, env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (!server || !repo || !sha || !p.root.top) return undefined;
  const sub = inside(p.root.top, p.root.root);
  return `${server}/${repo}/blob/${sha}/${sub ? `${sub}/` : ''}`;
}

function render(p: PreparedReview, o: ReviewReport, io: CliIo): string {
  const shard = p.command.shard && p.command.shard.count > 1 ? `${p.command.shard.index}/${p.command.shard.count}` : undefined;
  const cancelled = io.signal.aborted;
  const rules = p.rulesUsed;
  switch (p.command.format) {
    case 'json':
      return JSON.stringify(toJsonReport(o, { shard, cancelled, rules }), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(o, { root: p.root.root, automationId: `relay-review/${shard ? `shard-${shard.replace('/', '-of-')}/` : ''}` }), null, 2) + '\n';
    case 'markdown':
      return toMarkdown(o, { shard: shardLabel(p.command.shard), linkBase: linkBase(p, io.env), rules });
    default:
      return toText(o, { shard: shardLabel(p.command.shard), rules });
  }
}

function exitCode(o: ReviewReport, failOn: ReviewCommand['failOn']): number {
  if (o.summary.failed > 0) return EXIT_FILES_FAILED;
  // With a baseline only new findings count (unchanged ones are shown only with --baseline-show).
  const counts = (x: Finding) => x.baselineState !== 'unchanged' && reaches(x, failOn as Severity);
  if (failOn !== 'never' && o.files.some((f) => f.findings.some(counts))) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** --write-baseline: every current finding but the suppressed ones (thresholds and the cap do not apply: a finding hidden today is still known). */
async function writeBaseline(p: PreparedReview, o: ReviewOutcome, io: CliIo): Promise<void> {
  const file = p.command.writeBaseline;
  if (file === undefined) return;
  const filter = new FindingFilter({ minConfidence: 0, maxFindingsPerFile: 0, suppressions: p.policy.suppressions });
  const all = filter.report({ files: o.files, summary: o.summary });
  await writeOutput(resolve(process.cwd(), file), JSON.stringify(toJsonReport(all, { rules: p.rulesUsed }), null, 2) + '\n');
  io.stderr(`review: baseline of ${all.summary.findings} finding(s) written to ${file}\n`);
}

/** Renders and writes the report (stdout or --output); the exit code. */
export async function reportReview(p: PreparedReview, o: ReviewOutcome, io: CliIo): Promise<number> {
  const key = p.command.relay.apiKey;
  await writeBaseline(p, o, io);
  const shown = findingFilter(p.command, p.policy).report(o);
  const text = redact(render(p, shown, io), key);
  if (p.output) {
    await writeOutput(p.output, text);
    io.stderr(`review: report written to ${p.command.output}\n`);
  } else io.stdout(text);
  if (io.signal.aborted) io.stderr(`review: stopped; the report is partial (${o.summary.failed} file(s) cancelled or failed)\n`);
  if (o.stoppedBy) io.stderr(`error[${o.stoppedBy.kind}]: ${oneLine(redact(o.stoppedBy.message, key))} (the run stopped early)\n`);
  return exitCode(shown, p.command.failOn);
}

async function execute(c: ReviewCommand, io: CliIo): Promise<number> {
  const prepared = await planReview(c);
  if (c.batch) {
    const done = await runBatchCommand(prepared, c.batch, io);
    if (done !== 'live') return done;
  }
  io.stderr(`review: ${costLine(prepared)}\n`);
  const refused = refusal(prepared.estimate, c.maxCost);
  if (refused) {
    io.stderr(`error[cost]: ${refused}; nothing was sent.\n`);
    return EXIT_USAGE;
  }
  const outcome = await executeReview(prepared, io);
  return reportReview(prepared, outcome, io);
}

export async function runReview(argv: string[], io: CliIo): Promise<number> {
  const key = apiKeyOf(argv, io.env);
  try {
    const command = reviewCommandFrom(argv, io);
    if (command === 'help') {
      io.stdout(REVIEW_HELP);
      return EXIT_OK;
    }
    return await execute(command, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error[usage]: ${oneLine(redact(e.message, key))}\nRun \`relay-assistant review --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    if (e instanceof Refusal) {
      io.stderr(`error[${e.tag}]: ${oneLine(redact(e.message, key))}\n`);
      return e.code;
    }
    const tag = e instanceof OutputError ? 'output' : 'internal';
    io.stderr(`error[${tag}]: ${oneLine(redact(e instanceof Error ? e.message : String(e), key))}\n`);
    return EXIT_INTERNAL;
  }
}
