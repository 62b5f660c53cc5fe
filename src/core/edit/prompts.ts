// Prompts for Refactor and Explain. The refactor user message always ends with the selected
// code as its LAST fenced block (relays and the demo relay find the code there).

import type { ChatMessage } from '../relay/types';

export const REFACTOR_SYSTEM_PROMPT =
  'You are a code refactoring tool inside an editor. The user selected some lines of a file and gives an instruction. ' +
  'Rewrite the selected lines following the instruction. Reply with the complete replacement for the selected lines only, ' +
  'in exactly one fenced code block, with no explanation before or after it. Keep the language, the indentation style and ' +
  'everything the instruction does not ask to change; do not repeat code from outside the selection.';

export const EXPLAIN_SYSTEM_PROMPT =
  'Explain the selected code to a developer reading it for the first time: what it is for, how it works step by step, ' +
  'its inputs, outputs and side effects, and anything surprising or risky. Be concise, use Markdown, and quote code only where it helps.';

/** Where the selected code comes from. Lines are 1-based and inclusive. */
export interface CodeLocation {
  relativePath: string;
  languageId: string;
  startLine: number;
  endLine: number;
  code: string;
}

export interface RefactorRequest extends CodeLocation {
  instruction: string;
  /** The user's extra instructions (setting relayAssistant.systemPrompt); "" for none. */
  extraSystemPrompt: string;
}

export function buildRefactorMessages(req: RefactorRequest): ChatMessage[] {
  const system = req.extraSystemPrompt.trim() ? `${REFACTOR_SYSTEM_PROMPT}\n\n${req.extraSystemPrompt.trim()}` : REFACTOR_SYSTEM_PROMPT;
  const user = [
    `Instruction: ${req.instruction.trim()}`,
    '',
    `File: ${describeLocation(req)}. Reply with the replacement for exactly these lines:`,
    '',
    fenced(req.code, req.languageId),
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

export interface ExplainRequest extends CodeLocation {
  /** A few lines just before and after the selection, for context. */
  before: string;
  after: string;
}

/** The chat prompt for Explain (the chat has its own system prompt, so the instructions lead the message) and the short text the chat shows for it. */
export function buildExplainPrompt(req: ExplainRequest): { prompt: string; display: string } {
  const parts = [EXPLAIN_SYSTEM_PROMPT, '', `File: ${describeLocation(req)}.`, ''];
  if (req.before.trim()) parts.push('Lines before the selection (context only):', fenced(req.before, req.languageId), '');
  parts.push('Selected code:', fenced(req.code, req.languageId));
  if (req.after.trim()) parts.push('', 'Lines after the selection (context only):', fenced(req.after, req.languageId));
  return { prompt: parts.join('\n'), display: `Explain ${req.relativePath}:${lineSpan(req)}` };
}

/** A Markdown code block whose fence is longer than any backtick run inside the code. */
export function fenced(code: string, languageId: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${languageId}\n${code}\n${fence}`;
}

function describeLocation(loc: CodeLocation): string {
  return `${loc.relativePath} (${loc.languageId}), lines ${lineSpan(loc)}`;
}

function lineSpan(loc: CodeLocation): string {
  return loc.startLine === loc.endLine ? `${loc.startLine}` : `${loc.startLine}-${loc.endLine}`;
}

export const APPLY_SYSTEM_PROMPT =
  'You are a code merging tool inside an editor. You get a code block from a conversation and the file it is meant for. ' +
  'Merge the block into the file the way its author intended: replace the parts of the file it is a new version of, add what is new ' +
  'where it belongs, and keep everything else exactly as it is (same order, comments, formatting and line endings). Where the block ' +
  'leaves code out ("// ... existing code ..."), keep the file\'s code there. Reply with the complete updated file in exactly one ' +
  'fenced code block, with no explanation before or after it. Never shorten the file.';

export interface ApplyRequest {
  relativePath: string;
  languageId: string;
  /** The whole file, as it is now. */
  fileText: string;
  /** The code block to merge into it. */
  block: string;
}

/** The merge prompt: the block first, then the whole file as the LAST fenced block. */
export function buildApplyMessages(req: ApplyRequest): ChatMessage[] {
  const user = [
    'Code block to merge:',
    '',
    fenced(req.block.replace(/\r\n/g, '\n'), req.languageId),
    '',
    `File: ${req.relativePath} (${req.languageId}). Reply with the complete file after the merge:`,
    '',
    fenced(req.fileText.replace(/\r\n/g, '\n'), req.languageId),
  ].join('\n');
  return [
    { role: 'system', content: APPLY_SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
}

/**
 * Why a merged file (the model's reply, fences stripped) must not be shown, or null when it may:
 * a reply much shorter than the file is a fragment, and one that leaves code out ("... existing
 * code ...") where the file had none would delete that code.
 */
export function mergeRefusal(fileText: string, merged: string, lazy: (lines: string[]) => boolean): string | null {
  const file = fileText.split('\n').filter((l) => l.trim() !== '').length;
  const out = merged.split('\n').filter((l) => l.trim() !== '').length;
  if (out === 0) return 'the model answered with no code';
  if (lazy(merged.split('\n')) && !lazy(fileText.split('\n'))) return 'the model left parts of the file out ("... existing code ...")';
  if (file >= 8 && out < file * 0.6) return `the model answered with ${out} lines of code for a file of ${file}: a fragment, not the whole file`;
  return null;
}
