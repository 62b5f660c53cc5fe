// Batch review in VS Code: the commands, the "Relay Review" diagnostics and the quick fixes.
import * as vscode from 'vscode';
import type { Finding } from '../../core/review/types';
import type { Feature } from '../context';
import { batchReviewCommands } from './batchCommands';
import { ReviewController } from './controller';
import { ReviewDiagnostics } from './diagnostics';
import { DISMISS_COMMAND, dismissFinding } from './dismiss';
import { ReviewQuickFixes } from './quickFix';
import { documentFiles, workspaceFiles } from './workspaceSource';

function folders(): readonly vscode.WorkspaceFolder[] | undefined {
  const list = vscode.workspace.workspaceFolders;
  if (list?.length) return list;
  void vscode.window.showInformationMessage('Relay Review: open a folder or workspace first.');
  return undefined;
}

export const reviewFeature: Feature = (ctx) => {
  const diagnostics = new ReviewDiagnostics();
  const controller = new ReviewController(ctx, diagnostics);
  const command = (id: string, fn: () => unknown) => vscode.commands.registerCommand(id, fn);
  return vscode.Disposable.from(
    controller,
    batchReviewCommands(ctx, diagnostics),
    diagnostics,
    vscode.languages.registerCodeActionsProvider('*', new ReviewQuickFixes(diagnostics), { providedCodeActionKinds: ReviewQuickFixes.kinds }),
    command('relayAssistant.reviewWorkspace', () => {
      const list = folders();
      return list && controller.run(workspaceFiles(list), 'Relay Review: workspace');
    }),
    command('relayAssistant.reviewCurrentFile', () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document) return void vscode.window.showInformationMessage('Relay Review: open a file first.');
      return controller.run(documentFiles(document), `Relay Review: ${vscode.workspace.asRelativePath(document.uri)}`);
    }),
    command('relayAssistant.reviewChangedFiles', () => {
      const list = folders();
      return list && controller.run(workspaceFiles(list, 'changed'), 'Relay Review: changed files');
    }),
    command('relayAssistant.clearReviewFindings', () => diagnostics.clear()),
    vscode.commands.registerCommand(DISMISS_COMMAND, (uri: vscode.Uri, finding: Finding) => dismissFinding(diagnostics, uri, finding).catch((e) => {
      ctx.showError(e);
      return false;
    })),
    command('relayAssistant.retryFailedFiles', () => controller.retryFailed()),
    command('relayAssistant.clearReviewCache', () => controller.clearCache().catch((e) => ctx.showError(e))),
  );
};
