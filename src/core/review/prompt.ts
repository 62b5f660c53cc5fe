// The review prompt. The demo relay recognises review requests by REVIEW_SYSTEM_PROMPT;
// PROMPT_VERSION is part of the cache key: bump it whenever the prompt changes.
import type { ChatMessage } from '../relay/types';

export const PROMPT_VERSION = 'review-1';

export const REVIEW_SYSTEM_PROMPT = [
  'You are Relay Review, a careful code reviewer.',
  'Report real problems only: bugs, security issues, error handling, leftover debug output, unclear or dead code.',
  'Answer with JSON only, exactly in this shape:',
  '{"findings": [{"line": N, "endLine": N, "severity": "error" | "warning" | "info", "message": "...", "rule": "...", "suggestion": "replacement code"}]}',
  '"endLine", "rule" and "suggestion" are optional. "suggestion" replaces lines line..endLine exactly.',
  'Line numbers refer to the numbers shown before " | " in the file. When the file is fine, answer {"findings": []}.',
].join('\n');

/** A slice of a file sent in one request; `startLine` is the file line of its first line (1-based). */
export interface Chunk {
  startLine: number;
  lines: string[];
}

/** `${n} | ${line}`, one per line, numbered from 1 within the chunk. */
export function numberLines(lines: string[]): string {
  return lines.map((line, i) => `${i + 1} | ${line}`).join('\n');
}

export function reviewMessages(path: string, language: string, chunk: Chunk, totalLines: number): ChatMessage[] {
  const endLine = chunk.startLine + chunk.lines.length - 1;
  const part = chunk.startLine === 1 && endLine === totalLines
    ? ''
    : `This is part of the file: its lines ${chunk.startLine}-${endLine} of ${totalLines}, numbered from 1 here.\n`;
  const content = [
    `Review this file. Path: ${path}`,
    `Language: ${language}`,
    `${part}Each line is shown as "N | code".`,
    '',
    numberLines(chunk.lines),
    '',
    'Answer with exactly {"findings": [...]} as described.',
  ].join('\n');
  return [
    { role: 'system', content: REVIEW_SYSTEM_PROMPT },
    { role: 'user', content },
  ];
}
