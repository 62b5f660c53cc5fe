// What the edit feature says when a change ends on its own or is cancelled (one line each; a
// notification only where the user should know why their file is as it is).
import * as vscode from 'vscode';
import type { RelaySettings } from '../../core/config';
import { contextWindowOf, estimateTokens } from '../../core/relay/models';
import type { ChatMessage } from '../../core/relay/types';
import { formatCost } from '../../core/models/format';
import type { EndReason, LiveEdit } from './liveEdit';

export function endMessage(live: LiveEdit, reason: EndReason): string | undefined {
  const file = vscode.workspace.asRelativePath(live.uri);
  switch (reason) {
    case 'unchanged':
      return 'Relay Assistant: the model suggested no changes.';
    case 'external':
      return live.shownPhase === 'review'
        ? `Relay Assistant: ${file} changed on disk while a change was under review. The review ended; the file keeps the text from disk.`
        : `Relay Assistant: ${file} changed on disk while a change was being generated. The change was stopped; the file keeps the text from disk.`;
    case 'conflict':
      return live.shownPhase === 'review'
        ? `Relay Assistant: the review in ${file} ended because lines under review were edited. The file keeps its text as it is now, your edit included; Undo steps back through it.`
        : `Relay Assistant: the change in ${file} was stopped because lines it was replacing were edited. Your edit was kept; nothing of the change was written.`;
    default:
      return undefined;
  }
}

/**
 * Esc on a streaming change: one status-bar line saying it was cancelled and what it cost (a
 * cancelled request is still billed for what was generated, and counts in the session cost).
 */
export function cancelledLine(what: string, partial: { lines: number; costUsd: number | null; costEstimated: boolean } | null): string {
  if (!partial || partial.lines === 0) return `Relay Assistant: ${what} cancelled before any code came; the file was not changed.`;
  const lines = partial.lines === 1 ? '1 line' : `${partial.lines} lines`;
  const cost = partial.costUsd === null ? 'its cost is unknown (no price for this model)' : `it cost ${formatCost(partial.costUsd, partial.costEstimated)}`;
  return `Relay Assistant: ${what} cancelled after ${lines}; the file was not changed. What was generated is billed: ${cost}, counted in the session cost.`;
}

/** The prompt (with the selection or file) must leave the model room to answer with the whole rewrite; else a warning says what to do. */
export function fitsModel(settings: RelaySettings, messages: ChatMessage[], what: 'selection' | 'file', verb: string): boolean {
  const model = settings.model;
  const tokens = estimateTokens(messages.map((m) => m.content).join('\n'));
  const window = contextWindowOf(model, settings.models);
  // The answer repeats the selection, so the prompt may take at most about half the window.
  if (tokens <= window / 2) return true;
  const fix = what === 'selection' ? 'Select less' : 'Select the lines to replace and Apply again';
  void vscode.window
    .showWarningMessage(`Relay Assistant: the ${what} is too large to ${verb} with ${model} (about ${tokens.toLocaleString('en-US')} tokens with the prompt; its context window is ${window.toLocaleString('en-US')} and the answer needs as much room again). ${fix}, or choose a model with a larger window.`, 'Choose Model')
    .then((b) => b && vscode.commands.executeCommand('relayAssistant.chooseModel'));
  return false;
}
