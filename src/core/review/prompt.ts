// The review prompt. The demo relay recognises review requests by REVIEW_SYSTEM_PROMPT;
// PROMPT_VERSION is part of the cache key: bump it whenever the prompt changes.
import type { ChatMessage } from '../relay/types';
import { CATEGORIES } from './categories';
import { lineRanges, type FileDiff } from './diff';

export const PROMPT_VERSION = 'review-3';

export const REVIEW_SYSTEM_PROMPT = [
  'You are Relay Review, a careful code reviewer.',
  'Report real problems only: bugs, security issues, error handling, leftover debug output, unclear or dead code.',
  'Answer with JSON only, exactly in this shape:',
  '{"findings": [{"line": N, "endLine": N, "severity": "error" | "warning" | "info", "category": "...", "confidence": 0.0-1.0, "message": "...", "rule": "...", "suggestion": "replacement code"}]}',
  `"category" is one of: ${CATEGORIES.join(', ')}. "rule" is a short label of your own.`,
  '"confidence" is how sure you are that the finding is a real problem worth a reviewer\'s time (1 = certain, 0.5 = a guess); leave out what you are not fairly sure of.',
  'The repository may give review rules of its own before the file: follow them where they do not contradict this format.',
  '"endLine", "rule" and "suggestion" are optional. "suggestion" replaces lines line..endLine exactly.',
  'Line numbers refer to the numbers shown before " | " in the file. When the file is fine, answer {"findings": []}.',
].join('\n');

/** Sent after a reply that could not be parsed, once, before the file fails. */
export const STRICT_REMINDER = 'Your answer could not be read as JSON. Answer again with only the JSON object {"findings": [...]} in the shape described: no prose, no code fence, nothing before or after it.';

/** A slice of a file sent in one request; `startLine` is the file line of its first line (1-based). */
export interface Chunk {
  startLine: number;
  lines: string[];
}

/** `${n} | ${line}`, one per line, numbered from 1 within the chunk. */
export function numberLines(lines: string[]): string {
  return lines.map((line, i) => `${i + 1} | ${line}`).join('\n');
}

/** PR mode: which lines of this chunk changed (in the chunk's numbering), and the diff. */
function diffSection(diff: FileDiff, chunk: Chunk): string[] {
  if (diff.newFile) return ['This file is new in the pull request: every line is added.', ''];
  const last = chunk.startLine + chunk.lines.length - 1;
  const here = diff.added.filter((l) => l >= chunk.startLine && l <= last).map((l) => l - chunk.startLine + 1);
  return [
    `This is a pull request review. Lines added or changed by it (numbered as shown below): ${here.length ? lineRanges(here) : 'none in this part'}.`,
    'Report problems on those lines, or problems they cause. The diff against the base (its line numbers are file lines):',
    '```diff',
    diff.text.trimEnd(),
    '```',
    '',
  ];
}

/**
 * The request for one chunk. Order matters for relays' automatic prefix caching: the fixed
 * instructions first (identical in every request), then the repository's rules (identical for
 * files under the same rules), then the file.
 */
export function reviewMessages(path: string, language: string, chunk: Chunk, totalLines: number, diff?: FileDiff, rules?: string): ChatMessage[] {
  const endLine = chunk.startLine + chunk.lines.length - 1;
  const part = chunk.startLine === 1 && endLine === totalLines
    ? ''
    : `This is part of the file: its lines ${chunk.startLine}-${endLine} of ${totalLines}, numbered from 1 here.\n`;
  const content = [
    ...(rules ? ['The repository\'s review rules:', '<review-rules>', rules, '</review-rules>', ''] : []),
    `Review this file. Path: ${path}`,
    `Language: ${language}`,
    ...(diff ? diffSection(diff, chunk) : []),
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
