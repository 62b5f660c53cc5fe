// Runs reviews for the commands: trust check, plan, estimate and confirmation, progress with
// Cancel, diagnostics, summary. The engine is loaded on first use (it pulls in the HTTP stack).
import * as vscode from 'vscode';
import type { RelaySettings } from '../../core/config';
import type { PlanOptions } from '../../core/review/plan';
import { modelOverridesOf, type FeatureContext } from '../context';
import { relayInfo } from '../settings';
import { troubleText } from '../../core/review/progressText';
import type { ReviewOutcome } from '../../core/review/engine';
import type { FileResult, ReviewPlan, ReviewProgress } from '../../core/review/types';
import type { FindingFilter } from '../../core/review/policy';
import type { ReviewDiagnostics } from './diagnostics';
import { WorkspacePolicy } from './repoPolicy';
import { cancelledFiles, estimateText, longSummary, shortSummary } from './summaryText';
import type { WorkspaceFiles } from './workspaceSource';

type Engine = typeof import('../../core/review/index');
const loadEngine = (): Promise<Engine> => import('../../core/review/index');

export const CACHE_FOLDER = 'review-cache';

/** false (with a warning that offers the fix) in an untrusted workspace: a review would send its files to the relay. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage('Relay Review is off in untrusted workspaces: it would send file contents to the relay. Trust this workspace to review it.', 'Manage Workspace Trust').then((b) => {
    if (b) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** The plan options from the settings: every workspace review (live or batch) plans the same files. */
export function planOptions(s: RelaySettings): PlanOptions {
  return { include: s['review.include'], exclude: s['review.exclude'], maxFileBytes: s['review.maxFileBytes'] };
}

/** The report filter from the settings and the workspace's suppressions: every review (live or batch) shows the same. */
export function findingFilter(engine: Engine, s: RelaySettings, policy: WorkspacePolicy, files: WorkspaceFiles): FindingFilter {
  return new engine.FindingFilter({ minConfidence: s['review.minConfidence'], minSeverity: s['review.minSeverity'], maxFindingsPerFile: s['review.maxFindingsPerFile'], suppressions: policy.matcher(files) });
}

export class ReviewController implements vscode.Disposable {
  /** Files that failed in the last run, with the way back to their URIs. */
  private failed: { paths: string[]; files: WorkspaceFiles } | null = null;
  /** Files a cancelled run did not get to ("Review the Rest"). */
  private rest: { paths: string[]; files: WorkspaceFiles } | null = null;
  private running = false;
  /** Settles when the run in progress has ended (a summary button starts the next run only then). */
  private ended: Promise<void> = Promise.resolve();
  /** Cancels the run in progress (the extension is going away). */
  private readonly disposed = new AbortController();

  constructor(private readonly ctx: FeatureContext, private readonly diagnostics: ReviewDiagnostics) {}

  dispose(): void {
    this.disposed.abort();
  }

  cacheDir(): string {
    return vscode.Uri.joinPath(this.ctx.extension.globalStorageUri, CACHE_FOLDER).fsPath;
  }

  async clearCache(): Promise<void> {
    const { DirectoryCache } = await loadEngine();
    await new DirectoryCache(this.cacheDir()).clear();
    void vscode.window.showInformationMessage('Relay Review: the review cache is cleared.');
  }

  /** Reviews what `files` lists (optionally only `paths`). Resolves with the outcome, or undefined when nothing ran. */
  async run(files: WorkspaceFiles, title: string, paths?: string[]): Promise<ReviewOutcome | undefined> {
    if (!requireTrust()) return undefined;
    if (this.running) {
      void vscode.window.showInformationMessage('Relay Review is already running.');
      return undefined;
    }
    this.running = true;
    let ended!: () => void;
    this.ended = new Promise<void>((resolve) => (ended = resolve));
    try {
      return await this.runTrusted(files, title, paths);
    } catch (e) {
      if (e instanceof Error && e.name === 'NotGitRepositoryError') {
        this.ctx.output.info(`${title}: ${e.message}.`);
        void vscode.window.showWarningMessage('Relay Review: This folder is not a git repository, so there are no changed files to find. Review Workspace reviews every file.', 'Review Workspace').then((b) => {
          if (b) void vscode.commands.executeCommand('relayAssistant.reviewWorkspace');
        });
        return undefined;
      }
      this.ctx.output.error(`Review failed: ${e instanceof Error ? e.message : String(e)}`);
      this.ctx.showError(e, () => void this.run(files, title, paths));
      return undefined;
    } finally {
      this.running = false;
      ended();
    }
  }

  private async runTrusted(files: WorkspaceFiles, title: string, paths?: string[]): Promise<ReviewOutcome | undefined> {
    const engine = await loadEngine();
    const s = this.ctx.settings();
    const source = paths ? { ...files.source, list: async () => (await files.source.list()).filter((e) => paths.includes(e.path)) } : files.source;
    const plan = await engine.planFiles(source, planOptions(s));
    const policy = await WorkspacePolicy.load(this.ctx.output);
    const rules = policy.attachRules(plan, files);
    const cache = new engine.DirectoryCache(this.cacheDir(), relayInfo().origin);
    if (plan.files.length === 0) {
      this.ctx.output.info(`${title}: nothing to review (${plan.skipped.length} skipped).`);
      void vscode.window.showInformationMessage(`Relay Review: nothing to review (${plan.skipped.length} file(s) skipped — see Output).`);
      for (const f of plan.skipped) this.ctx.output.info(`  skipped ${f.path}: ${f.reason}`);
      return undefined;
    }
    const estimate = await engine.estimateReview(plan, { model: s.reviewModel, models: modelOverridesOf(this.ctx), cache });
    this.ctx.output.info(`${title}: ${estimateText(estimate, s.reviewModel)}.`);
    if (!(await this.confirm(estimate.costUsd, s['review.confirmAboveUsd'], estimateText(estimate, s.reviewModel)))) return undefined;
    if (rules.length) this.ctx.output.info(`${title}: review rules from ${rules.join(', ')}.`);
    for (const note of policy.notes) this.ctx.output.info(`${title}: ${note}.`);
    const filter = findingFilter(engine, s, policy, files);
    const shown = new Map<string, FileResult>();
    // Nothing to send (every file cached): no progress toast, which would stay beside the summary.
    const quiet = estimate.files === 0;
    const raw = await this.withProgress(title, plan, quiet, (onProgress, signal) => this.execute(engine, plan, files, { onProgress, signal, cache, filter, shown }));
    const outcome = { ...raw, ...filter.withFiltered(raw, shown) };
    await this.finish(outcome, files);
    return outcome;
  }

  private async confirm(costUsd: number | null, limit: number, text: string): Promise<boolean> {
    if (costUsd === null || costUsd <= limit) return true;
    const go = 'Review';
    const answer = await vscode.window.showWarningMessage(`Relay Review: ${text}. Continue?`, { modal: true }, go);
    return answer === go;
  }

  private async execute(engine: Engine, plan: ReviewPlan, files: WorkspaceFiles, o: { onProgress(p: ReviewProgress): void; signal: AbortSignal; cache: InstanceType<Engine['DirectoryCache']>; filter: FindingFilter; shown: Map<string, FileResult> }): Promise<ReviewOutcome> {
    const s = this.ctx.settings();
    const client = await this.ctx.relay();
    return engine.reviewFiles(plan, {
      client,
      model: s.reviewModel,
      models: modelOverridesOf(this.ctx),
      concurrency: s['review.concurrency'],
      requestsPerMinute: s['review.requestsPerMinute'],
      tokensPerMinute: s['review.tokensPerMinute'],
      maxRetries: s.maxRetries,
      cache: o.cache,
      signal: o.signal,
      onProgress: o.onProgress,
      onFile: (r) => {
        if (r.status === 'reviewed' || r.status === 'cached') {
          const shown = o.filter.file(r);
          o.shown.set(r.path, shown);
          this.diagnostics.replace(files.uriOf(r.path), shown.findings);
        }
        // Skipped now (relay-review: ignore-file, emptied, …): its old findings no longer apply.
        if (r.status === 'skipped') this.diagnostics.delete(files.uriOf(r.path));
      },
    });
  }

  /**
   * Runs `work` with a progress notification (Cancel); `quiet` runs (nothing to send) show only in the
   * status bar: VS Code keeps a notification up for at least 800 ms, beside the summary.
   */
  private withProgress<T>(title: string, plan: ReviewPlan, quiet: boolean, work: (onProgress: (p: ReviewProgress) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
    const location = quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
    return Promise.resolve(vscode.window.withProgress({ location, title, cancellable: !quiet }, async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      const onDispose = () => controller.abort();
      this.disposed.signal.addEventListener('abort', onDispose, { once: true });
      let reported = 0;
      const total = Math.max(1, plan.files.length);
      try {
        return await work((p) => {
          const finished = p.done + p.failed;
          const throttled = p.trouble && p.trouble.kind !== 'rate_limit'
            ? ` · ${troubleText(p.trouble)}`
            : p.throttle ? ` · throttled by the relay: ${p.throttle.inFlight} in flight, ${p.throttle.requestsPerSecond} req/s` : '';
          progress.report({ increment: ((finished - reported) / total) * 100, message: `${finished}/${plan.files.length} files · ${p.failed} failed · ${p.skipped} skipped · ${p.findings} findings${throttled}` });
          reported = finished;
        }, controller.signal);
      } finally {
        sub.dispose();
        this.disposed.signal.removeEventListener('abort', onDispose);
      }
    }));
  }

  private async finish(outcome: ReviewOutcome, files: WorkspaceFiles): Promise<void> {
    // Findings of files deleted since they were reviewed leave the Problems view.
    const gone = await this.diagnostics.removeMissing();
    if (gone) this.ctx.output.info(`Relay Review: removed the findings of ${gone} deleted file(s).`);
    const cancelled = cancelledFiles(outcome);
    const failed = outcome.files.filter((f) => f.status === 'failed' && f.errorKind !== 'cancelled');
    const kept = new Map(failed.map((f) => [f.path, this.diagnostics.count(files.uriOf(f.path))]));
    for (const line of longSummary(outcome, kept)) this.ctx.output.info(line);
    this.ctx.addCost(outcome.summary.costUsd, this.ctx.settings().reviewModel);
    this.failed = failed.length ? { paths: failed.map((f) => f.path), files } : null;
    this.rest = cancelled.length ? { paths: cancelled, files } : null;
    if (outcome.stoppedBy) this.ctx.showError(outcome.stoppedBy, () => void this.retryFailed());
    const buttons = ['Show Problems', ...(failed.length ? ['Retry Failed Files'] : []), ...(cancelled.length ? ['Review the Rest'] : [])];
    const show = failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(shortSummary(outcome), ...buttons).then(async (b) => {
      if (b === 'Show Problems') return void vscode.commands.executeCommand('workbench.actions.view.problems');
      // A quick click comes before this run has ended.
      await this.ended;
      if (b === 'Retry Failed Files') void this.retryFailed();
      if (b === 'Review the Rest') void this.reviewRest();
    });
  }

  /** Reviews the files a cancelled run did not get to. */
  async reviewRest(): Promise<ReviewOutcome | undefined> {
    if (!this.rest) return undefined;
    const { paths, files } = this.rest;
    return this.run(files, 'Relay Review: the rest', paths);
  }

  async retryFailed(): Promise<ReviewOutcome | undefined> {
    if (!this.failed) {
      void vscode.window.showInformationMessage('Relay Review: no failed files to retry.');
      return undefined;
    }
    const { paths, files } = this.failed;
    return this.run(files, 'Relay Review: retrying failed files', paths);
  }
}
