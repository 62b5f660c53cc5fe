// The request for each backend from the gathered context: FIM bodies with snippets as comments,
// llama.cpp infill with input_extra, a raw template prompt, or a hole-filling chat prompt.
import type { ChatRequest, CompletionRequest } from '../relay/types';
import type { Backend } from './backend';
import type { CompletionContext } from './context';
import { commentBlock, familyOf, lineComment, templateOf } from './templates';

export interface RequestShape {
  model: string;
  maxTokens: number;
  multiline: boolean;
}

/**
 * Stop sequences: a block stops at two blank lines; a single line at its end, unless the line before
 * the cursor is a finished statement (then the answer is the next line, and post-processing cuts it).
 */
export function stopsFor(ctx: CompletionContext, multiline: boolean): string[] {
  if (multiline) return ['\n\n\n'];
  const line = ctx.prefix.slice(ctx.prefix.lastIndexOf('\n') + 1);
  return /[;,})\]]\s*$/.test(line) ? ['\n\n'] : ['\n'];
}

export function completionRequest(backend: Exclude<Backend, 'chat'>, ctx: CompletionContext, shape: RequestShape): CompletionRequest {
  const base = { model: shape.model, maxTokens: shape.multiline ? shape.maxTokens : Math.min(shape.maxTokens, 64), temperature: 0.1, stream: true };
  const lineStops = stopsFor(ctx, shape.multiline);
  switch (backend) {
    case 'fim':
    case 'codestral':
      return { ...base, api: backend, prompt: commentBlock(ctx.snippets, ctx.path, lineComment(ctx.languageId)) + ctx.prefix, suffix: ctx.suffix, stop: lineStops };
    case 'infill':
      return { ...base, api: 'infill', prompt: ctx.prefix, suffix: ctx.suffix, extra: ctx.snippets.map((s) => ({ filename: s.path, text: s.text })), stop: lineStops };
    case 'template': {
      const family = familyOf(shape.model) ?? 'starcoder';
      const t = templateOf(family);
      return { ...base, api: 'template', prompt: t.build(ctx.prefix, ctx.suffix, ctx.snippets, ctx.path), stop: [...t.stop, ...lineStops] };
    }
  }
}

export const HOLE = '{{FILL_HERE}}';

export const CHAT_SYSTEM_PROMPT =
  `You are a code completion engine inside an editor. The user sends a file with the marker ${HOLE} at the cursor. ` +
  `Reply with ONLY the text to insert at ${HOLE}: no explanation, no code fence, do not repeat the code before or after the marker. ` +
  'Match the indentation and style of the file. If nothing should be inserted, reply with nothing.';

/** Chat: a hole-filling prompt; a small answer budget (one line unless the position opens a block). */
export function chatRequest(ctx: CompletionContext, shape: RequestShape): ChatRequest {
  const snippets = ctx.snippets.map((s) => `Related code from ${s.path}:\n\`\`\`\n${s.text}\n\`\`\`\n\n`).join('');
  const scope = shape.multiline ? 'Complete the block at the marker (a few lines at most).' : 'Complete the current line only (one line).';
  return {
    model: shape.model,
    stream: true,
    maxTokens: shape.multiline ? shape.maxTokens : Math.min(shape.maxTokens, 48),
    temperature: 0.1,
    maxRetries: 0,
    fallbackModels: [],
    messages: [
      { role: 'system', content: CHAT_SYSTEM_PROMPT },
      { role: 'user', content: `${snippets}File ${ctx.path} (${ctx.languageId}):\n\`\`\`\n${ctx.prefix}${HOLE}${ctx.suffix}\n\`\`\`\n${scope}` },
    ],
  };
}
