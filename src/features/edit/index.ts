// Explain / Refactor Selection and the inline diff review (also used by the chat's "Apply to Selection").
import * as vscode from 'vscode';
import { InternalCommands, type Feature, type FeatureContext } from '../context';
import { SHOW_PROPOSAL_COMMAND } from './codeLens';
import { EditController, type EditOutcome } from './controller';
import type { EditTestHooks } from './liveEdit';
import { explainSelection } from './explain';
import { pickInstruction, rememberInstruction } from './instruction';

/** Test-only (dev builds): the sessions in progress and the documents that carry decorations; an arg `{ hooks }` sets the test hooks. */
export const EDIT_TEST_STATE_COMMAND = 'relayAssistant.internal.editTestState';

export const editFeature: Feature = (ctx: FeatureContext) => {
  const controller = new EditController(ctx);
  const command = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  const subs: vscode.Disposable[] = [
    controller,
    command('relayAssistant.explainSelection', () => explainSelection()),
    command('relayAssistant.refactorSelection', (arg) => refactorSelection(ctx, controller, arg)),
    command('relayAssistant.acceptAllEdits', (uri) => controller.decideAll(uri, true)),
    command('relayAssistant.rejectAllEdits', (uri) => controller.decideAll(uri, false)),
    command('relayAssistant.acceptHunk', (uri, index) => controller.decideHunk(uri, index, true)),
    command('relayAssistant.rejectHunk', (uri, index) => controller.decideHunk(uri, index, false)),
    command('relayAssistant.cancelEdit', (uri) => controller.cancel(uri)),
    command('relayAssistant.undoDecision', (uri) => controller.stepDecision(uri, true)),
    command('relayAssistant.redoDecision', (uri) => controller.stepDecision(uri, false)),
    command(SHOW_PROPOSAL_COMMAND, (uri) => controller.showProposal(uri)),
    command(InternalCommands.applyCode, (arg) => applyCode(controller, arg)),
    command(InternalCommands.editPending, (uri) => controller.isPending(uri)),
  ];
  if (__TEST_HOOKS__ && ctx.extension.extensionMode === vscode.ExtensionMode.Test) {
    subs.push(
      command(EDIT_TEST_STATE_COMMAND, (arg) => {
        const hooks = (arg as { hooks?: EditTestHooks } | undefined)?.hooks;
        if (arg !== undefined) Object.assign(controller.testHooks, { beforeOwnEdit: hooks?.beforeOwnEdit, onEvent: hooks?.onEvent });
        return controller.snapshot();
      }),
    );
  }
  return vscode.Disposable.from(...subs);
};

/** Arg (optional): the instruction as a string or { instruction }; without it the user is asked. */
async function refactorSelection(ctx: FeatureContext, controller: EditController, arg: unknown): Promise<EditOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Relay Assistant: open a file and select the code to refactor.');
    return 'no-editor';
  }
  const given = typeof arg === 'string' ? arg : (arg as { instruction?: unknown } | undefined)?.instruction;
  const instruction = typeof given === 'string' && given.trim() ? given.trim() : await pickInstruction(ctx.extension.globalState);
  if (!instruction) return undefined;
  await rememberInstruction(ctx.extension.globalState, instruction);
  return controller.refactor(editor.document, editor.selection, instruction, editor);
}

/** Arg: { uri: string; range?: [startLine, startChar, endLine, endChar]; code: string } (InternalCommands.applyCode). */
async function applyCode(controller: EditController, arg: unknown): Promise<EditOutcome | undefined> {
  const a = arg as { uri?: unknown; range?: unknown; code?: unknown } | undefined;
  if (!a || typeof a.uri !== 'string' || typeof a.code !== 'string') return undefined;
  const r = a.range;
  const range = Array.isArray(r) && r.length === 4 && r.every((n) => Number.isInteger(n) && n >= 0) ? new vscode.Range(r[0], r[1], r[2], r[3]) : undefined;
  return controller.applyCode(vscode.Uri.parse(a.uri), range, a.code);
}
