// The batch review commands, and (in tests only) a hook that reloads the background jobs the
// way a window reload does: the running instance is disposed, a new one resumes from global state.
import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { BatchJobs, type PersistedJob } from './batchJobs';
import type { ReviewDiagnostics } from './diagnostics';

export const BATCH_TEST_HOOKS_COMMAND = 'relayAssistant.internal.reviewBatchTestHooks';

export interface BatchTestHooks {
  /** Disposes the jobs (polling stops mid-wait) and activates a new instance from global state. */
  reload(): Promise<void>;
  /** Resolves when every watched job has ended. */
  idle(): Promise<void>;
  persisted(): PersistedJob[];
  statusText(): string;
}

export function batchReviewCommands(ctx: FeatureContext, diagnostics: ReviewDiagnostics): vscode.Disposable {
  let jobs = new BatchJobs(ctx, diagnostics);
  jobs.resume();
  const subs = [
    vscode.commands.registerCommand('relayAssistant.reviewWorkspaceBatch', async () => {
      const folders = vscode.workspace.workspaceFolders;
      if (!folders?.length) return void vscode.window.showInformationMessage('Relay Review: open a folder or workspace first.');
      try {
        return await jobs.submit(folders);
      } catch (e) {
        ctx.output.error(`Relay Review (batch): ${e instanceof Error ? e.message : String(e)}`);
        ctx.showError(e);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('relayAssistant.cancelReviewBatch', () => jobs.cancel().catch((e) => ctx.showError(e))),
  ];
  if (__TEST_HOOKS__ && ctx.extension.extensionMode === vscode.ExtensionMode.Test) {
    const hooks: BatchTestHooks = {
      reload: async () => {
        await jobs.dispose();
        jobs = new BatchJobs(ctx, diagnostics);
        jobs.resume();
      },
      idle: () => jobs.idle(),
      persisted: () => jobs.persisted(),
      statusText: () => jobs.statusText,
    };
    subs.push(vscode.commands.registerCommand(BATCH_TEST_HOOKS_COMMAND, () => hooks));
  }
  return new vscode.Disposable(() => {
    void jobs.dispose();
    for (const s of subs) s.dispose();
  });
}
