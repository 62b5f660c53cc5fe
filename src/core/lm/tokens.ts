// provideTokenCount: local and cheap, the same ~4 characters per token the chat uses.
import { estimateTokens } from '../relay/models';
import { isImageMime, isTextMime, type LmMessage, type LmPart } from './parts';

/** A rough flat cost per image (providers charge a few hundred to ~1,500 tokens per image). */
export const IMAGE_TOKENS = 1_000;
/** Role and separators of one message. */
const MESSAGE_OVERHEAD = 4;

function partTokens(p: LmPart): number {
  switch (p.kind) {
    case 'text':
      return estimateTokens(p.value);
    case 'toolCall':
      return estimateTokens(p.name) + estimateTokens(JSON.stringify(p.input ?? {}) ?? '');
    case 'toolResult':
      return p.content.reduce((n, c) => n + partTokens(c), 0);
    case 'data':
      if (isTextMime(p.mimeType)) return Math.ceil(p.data.byteLength / 4);
      return isImageMime(p.mimeType) ? IMAGE_TOKENS : 0;
    default:
      return 0;
  }
}

export function countTokens(input: string | LmMessage): number {
  if (typeof input === 'string') return estimateTokens(input);
  return MESSAGE_OVERHEAD + input.parts.reduce((n, p) => n + partTokens(p), 0);
}
