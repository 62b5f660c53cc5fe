// Deterministic Markdown for the webview benchmark: a long answer (prose, lists, code) and a
// conversation history. Tokens are counted like the relay client estimates them (~4 characters).
import type { MessageView } from '../src/protocol';

const WORDS = 'the relay streams tokens while the view renders markdown blocks and code stays highlighted for every reader of this answer'.split(' ');

function prose(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');
}

function code(seed: number, lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `  const value${i} = compute(${seed}, ${i}); // step ${i}`).join('\n');
  return `\`\`\`ts\nexport function part${seed}(input: number): number {\n${body}\n  return input;\n}\n\`\`\``;
}

/** One section of an answer: heading, paragraph, list, code, closing paragraph (~330 tokens). */
function section(i: number): string {
  return [`## Part ${i}`, prose(i, 60) + '.', `- ${prose(i + 1, 8)}\n- ${prose(i + 2, 8)}\n- \`inline${i}\` ${prose(i + 3, 6)}`, code(i, 10), `${prose(i + 4, 40)} [docs](https://example.com/${i}).`].join('\n\n');
}

export const CHARS_PER_TOKEN = 4;

/** An answer of about `tokens` tokens, and how many code blocks it has. */
export function longAnswer(tokens: number): { text: string; codeBlocks: number } {
  const parts: string[] = [];
  let length = 0;
  while (length < tokens * CHARS_PER_TOKEN) {
    const s = section(parts.length);
    parts.push(s);
    length += s.length + 2;
  }
  return { text: parts.join('\n\n'), codeBlocks: parts.length };
}

/** Cuts text into deltas of about `tokensPerDelta` tokens, as a host would post them. */
export function toDeltas(text: string, tokensPerDelta: number): string[] {
  const size = tokensPerDelta * CHARS_PER_TOKEN;
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A finished conversation of `count` messages (questions and ~250-token answers with code). */
export function history(count: number): MessageView[] {
  return Array.from({ length: count }, (_, i): MessageView => {
    const user = i % 2 === 0;
    const text = user ? `Question ${i}: ${prose(i, 15)}?` : [prose(i, 50) + '.', code(i, 6), prose(i + 1, 30) + '.'].join('\n\n');
    const meta = user ? null : { model: 'gpt-4.1', promptTokens: 900, completionTokens: 250, tokensEstimated: false, costUsd: 0.0038, costEstimated: false, ttftMs: 420, durationMs: 3100 };
    return { id: `m${i}`, role: user ? 'user' : 'assistant', text, state: 'done', chips: [], meta, error: null };
  });
}
