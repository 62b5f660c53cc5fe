// Batch reviews in the background: submit through the relay's batch API (half price), persist
// the job in global state, poll on activation until it ends (window reloads and restarts
// included), then put the findings in the Problems view and say so.
import * as vscode from 'vscode';
import { clientOptions, originOf } from '../../core/config';
import type { BatchApi } from '../../core/relay/files';
import type { CollectOptions } from '../../core/review/batch/collect';
import type { ReviewCache } from '../../core/review/cache';
import type { ReviewPlan } from '../../core/review/types';
import { modelOverridesOf, type FeatureContext } from '../context';
import { readProxy } from '../settings';
import { BatchStatusItem } from './batchStatus';
import { CACHE_FOLDER, findingFilter, planOptions, requireTrust } from './controller';
import type { ReviewDiagnostics } from './diagnostics';
import { longSummary, shortSummary } from './summaryText';
import { WorkspacePolicy } from './repoPolicy';
import { formatCost } from '../../core/models/format';
import { workspaceFiles, type WorkspaceFiles } from './workspaceSource';

type Engine = typeof import('../../core/review/index');
type Batch = typeof import('../../core/review/batch/index');
const load = async (): Promise<{ engine: Engine; batch: Batch; relay: typeof import('../../core/relay/index') }> => ({
  engine: await import('../../core/review/index'),
  batch: await import('../../core/review/batch/index'),
  relay: await import('../../core/relay/index'),
});

/** globalState key: the batch jobs this extension waits for. */
export const BATCH_JOBS_KEY = 'relayAssistant.review.batchJobs';

/** What survives a reload: enough to find the job record and map paths back to files. */
export interface PersistedJob {
  job: string;
  /** The cache folder holding the job record. */
  dir: string;
  folders: { uri: string; name: string }[];
  requests: number;
  submittedAt: number;
}

export class BatchJobs implements vscode.Disposable {
  private readonly status = new BatchStatusItem();
  private readonly stop = new AbortController();
  private readonly watching = new Map<string, Promise<void>>();

  constructor(private readonly ctx: FeatureContext, private readonly diagnostics: ReviewDiagnostics) {}

  private get state(): vscode.Memento {
    return this.ctx.extension.globalState;
  }

  persisted(): PersistedJob[] {
    return this.state.get<PersistedJob[]>(BATCH_JOBS_KEY, []);
  }

  private async forget(job: string): Promise<void> {
    await this.state.update(BATCH_JOBS_KEY, this.persisted().filter((p) => p.job !== job));
  }

  /** Picks up the persisted jobs of the folders open in this window (activation). */
  resume(): void {
    const open = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
    for (const p of this.persisted()) if (p.folders.every((f) => open.has(f.uri))) this.watch(p);
  }

  /** Resolves when every job being watched has ended (or this was disposed). */
  async idle(): Promise<void> {
    while (this.watching.size) await Promise.all(this.watching.values());
  }

  private async api(): Promise<BatchApi> {
    const { relay } = await load();
    return relay.createBatchApi(clientOptions(this.ctx.settings(), await this.ctx.apiKey(), readProxy()));
  }

  private dir(): string {
    return vscode.Uri.joinPath(this.ctx.extension.globalStorageUri, CACHE_FOLDER).fsPath;
  }

  async submit(folders: readonly vscode.WorkspaceFolder[]): Promise<PersistedJob | undefined> {
    if (!requireTrust()) return undefined;
    if (this.watching.size) {
      void vscode.window.showInformationMessage('Relay Review: a batch review is already running (see the status bar). Cancel Review Batch ends it.');
      return undefined;
    }
    const { engine, batch } = await load();
    const s = this.ctx.settings();
    const files = workspaceFiles(folders);
    const plan = await engine.planFiles(files.source, planOptions(s));
    (await WorkspacePolicy.load(this.ctx.output)).attachRules(plan, files);
    if (plan.files.length === 0) {
      void vscode.window.showInformationMessage(`Relay Review: nothing to review (${plan.skipped.length} file(s) skipped — see Output).`);
      return undefined;
    }
    // Keyed by the relay too, like Review Workspace's cache: another relay's findings never come back as cached.
    const cache = new engine.DirectoryCache(this.dir(), originOf(s.baseUrl));
    const live = await engine.estimateReview(plan, { model: s.reviewModel, models: modelOverridesOf(this.ctx), cache });
    const e = batch.toBatchEstimate(live, batch.batchPriceFactor(s.reviewModel, modelOverridesOf(this.ctx)));
    const text = `${e.files} file(s) to send${e.cachedFiles ? `, ${e.cachedFiles} from cache` : ''}, ~${e.promptTokens + e.completionTokens} tokens: about ${formatCost(e.costUsd)} through the batch API instead of ${formatCost(e.liveCostUsd)} live, with ${s.reviewModel}`;
    this.ctx.output.info(`Relay Review (batch): ${text}.`);
    if (e.costUsd !== null && e.costUsd > s['review.confirmAboveUsd']) {
      const go = 'Submit Batch';
      if ((await vscode.window.showWarningMessage(`Relay Review (batch): ${text}. Answers arrive within 24 hours, usually minutes. Submit?`, { modal: true }, go)) !== go) return undefined;
    }
    return this.send(plan, files, folders, text, cache);
  }

  private async send(plan: ReviewPlan, files: WorkspaceFiles, folders: readonly vscode.WorkspaceFolder[], text: string, cache: ReviewCache): Promise<PersistedJob | undefined> {
    const { batch } = await load();
    const s = this.ctx.settings();
    const api = await this.api();
    let submitted;
    try {
      submitted = await batch.submitBatchReview(plan, { api, store: new batch.JobStore(this.dir()), cache, baseUrl: s.baseUrl, model: s.reviewModel, models: modelOverridesOf(this.ctx) });
    } catch (e) {
      if (!(e instanceof batch.BatchUnsupportedError)) throw e;
      const live = 'Review Workspace';
      void vscode.window.showWarningMessage('Relay Review: this relay has no batch API (nothing was billed). Review on the live path instead?', live).then((b) => {
        if (b === live) void vscode.commands.executeCommand('relayAssistant.reviewWorkspace');
      });
      return undefined;
    } finally {
      await api.close();
    }
    for (const r of submitted.cached) this.diagnostics.replace(files.uriOf(r.path), r.findings);
    if (!submitted.job) {
      void vscode.window.showInformationMessage(`Relay Review: all ${submitted.cached.length} file(s) came from the cache; nothing to submit.`);
      return undefined;
    }
    const requests = Object.keys(submitted.job.requests).length;
    const p: PersistedJob = { job: submitted.job.job, dir: this.dir(), folders: folders.map((f) => ({ uri: f.uri.toString(), name: f.name })), requests, submittedAt: Date.now() };
    await this.state.update(BATCH_JOBS_KEY, [...this.persisted().filter((x) => x.job !== p.job), p]);
    this.ctx.output.info(`Relay Review (batch): ${submitted.resumed ? 'picked up' : 'submitted'} batch ${submitted.job.batches.map((b) => b.id).join(', ')} (${requests} request(s)).`);
    void vscode.window.showInformationMessage(`Relay Review: batch ${submitted.resumed ? 'picked up' : 'submitted'} — ${text}. Findings land in the Problems view when it completes; you can keep working or close the window.`);
    this.watch(p);
    return p;
  }

  private watch(p: PersistedJob): void {
    if (this.watching.has(p.job)) return;
    this.status.waiting(p.requests);
    const done = this.collect(p)
      .catch((e) => {
        if (this.stop.signal.aborted) return; // disposed: the next activation resumes it
        this.ctx.output.error(`Relay Review (batch): ${e instanceof Error ? e.message : String(e)}`);
        this.ctx.showError(e, () => this.watch(p));
      })
      .finally(() => {
        this.watching.delete(p.job);
        if (this.watching.size === 0) this.status.hide();
      });
    this.watching.set(p.job, done);
  }

  private async collect(p: PersistedJob): Promise<void> {
    const { engine, batch } = await load();
    const store = new batch.JobStore(p.dir);
    const record = await store.load(p.job);
    if (!record) return this.forget(p.job);
    const s = this.ctx.settings();
    const api = await this.api();
    const options: CollectOptions = {
      api, store, cache: new engine.DirectoryCache(p.dir, originOf(record.baseUrl)), baseUrl: record.baseUrl, model: record.model, models: modelOverridesOf(this.ctx), pollMs: s['review.batchPollMs'], signal: this.stop.signal,
      onStatus: (progress) => this.status.show(progress),
      replan: async () => {
        // Planned as at submission (rules included: they are part of each file's key).
        const again = workspaceFiles(this.foldersOf(p));
        const plan = await engine.planFiles(again.source, planOptions(s));
        (await WorkspacePolicy.load(this.ctx.output)).attachRules(plan, again);
        return plan;
      },
    };
    let collected;
    try {
      collected = await batch.collectBatchReview(record, options);
    } finally {
      await api.close();
    }
    if (!collected) return;
    const files = workspaceFiles(this.foldersOf(p));
    // The same thresholds and suppressions as a live review.
    const filter = findingFilter(engine, s, await WorkspacePolicy.load(this.ctx.output), files);
    const raw = { files: collected.files, summary: engine.summarize(collected.files, { ...collected.totals, durationMs: Date.now() - p.submittedAt }) };
    const report = filter.report(raw);
    for (const r of report.files) if (r.status === 'reviewed') this.diagnostics.replace(files.uriOf(r.path), r.findings);
    for (const line of longSummary(report, new Map())) this.ctx.output.info(`(batch) ${line}`);
    if (collected.failedBatch) this.ctx.output.error(`Relay Review (batch): the relay rejected the batch: ${collected.failedBatch}`);
    this.ctx.addCost(report.summary.costUsd, record.model);
    await this.forget(p.job);
    const show = report.summary.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`${shortSummary(report).replace('Relay Review:', 'Relay Review (batch):')} Cost ${formatCost(report.summary.costUsd)} at the batch price.`, 'Show Problems').then((b) => {
      if (b) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  private foldersOf(p: PersistedJob): vscode.WorkspaceFolder[] {
    return p.folders.map((f, index) => ({ uri: vscode.Uri.parse(f.uri), name: f.name, index }));
  }

  /** Cancels every running batch on the relay; what it answered still lands in the Problems view. */
  async cancel(): Promise<string[]> {
    const jobs = this.persisted();
    if (jobs.length === 0) {
      void vscode.window.showInformationMessage('Relay Review: no batch review is running.');
      return [];
    }
    const { batch } = await load();
    const api = await this.api();
    const ids: string[] = [];
    try {
      for (const p of jobs) {
        const store = new batch.JobStore(p.dir);
        const record = await store.load(p.job);
        if (!record) continue;
        ids.push(...(await batch.cancelBatchJob(record, api)));
        await store.save(record);
      }
    } finally {
      await api.close();
    }
    void vscode.window.showInformationMessage(`Relay Review: asked the relay to cancel batch ${ids.join(', ') || '(already ended)'}; findings it already produced still arrive.`);
    return ids;
  }

  get statusText(): string {
    return this.status.text;
  }

  /** Stops polling (the job stays persisted: the next activation picks it up). */
  async dispose(): Promise<void> {
    this.stop.abort();
    this.status.dispose();
    await Promise.all(this.watching.values());
  }
}
