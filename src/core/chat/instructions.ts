// Instruction files of the workspace (AGENTS.md, .github/copilot-instructions.md,
// .relay/instructions.md): read when present, added to the system prompt while enabled.
import type { ChatMessage } from '../relay/types';
import type { InstructionView } from '../../protocol';
import { estimateTokens } from '../relay/models';
import { CHAT_SYSTEM_PROMPT } from './prompt';

/** Looked for at the root of each workspace folder, in this order. */
export const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md', '.relay/instructions.md'] as const;
/** An instruction file longer than this is cut (characters). */
export const MAX_INSTRUCTION_CHARS = 32_000;

export interface InstructionFile {
  /** Workspace-relative path. */
  path: string;
  text: string;
  /** Length before cutting; absent when whole. */
  totalChars?: number;
}

/** Reads the instruction files that exist (the extension: workspace.fs; tests: a list). */
export interface InstructionSource {
  read(): Promise<InstructionFile[]>;
}

export function clipInstruction(path: string, text: string): InstructionFile {
  return text.length > MAX_INSTRUCTION_CHARS ? { path, text: text.slice(0, MAX_INSTRUCTION_CHARS), totalChars: text.length } : { path, text };
}

export function instructionView(f: InstructionFile, enabled: boolean): InstructionView {
  return { path: f.path, enabled, tokens: estimateTokens(f.text), truncated: f.totalChars !== undefined };
}

/** The chat's system message: the built-in prompt, the user's setting, then each enabled instruction file. */
export function systemWithInstructions(extra: string, files: InstructionFile[]): ChatMessage {
  const parts = [CHAT_SYSTEM_PROMPT];
  if (extra.trim()) parts.push(extra.trim());
  for (const f of files) parts.push(`Instructions from ${f.path} (follow them for this workspace):\n${f.text.trim()}`);
  return { role: 'system', content: parts.join('\n\n') };
}
