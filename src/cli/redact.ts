// Keeps secrets (the API key) out of everything the CLI prints, including text that arrives in pieces.
import { redact as redactAll } from '../core/relay';

/** Keys shorter than this are placeholders (local servers), not secrets; masking them would garble answers. */
export const MIN_SECRET_LENGTH = 8;
export const MASK = '***';

function secretsOf(key: string | undefined): string[] {
  return key && key.length >= MIN_SECRET_LENGTH ? [key] : [];
}

/** Replaces every occurrence of the key in `text` with ***. */
export function redact(text: string, key: string | undefined): string {
  return redactAll(text, secretsOf(key));
}

/**
 * Redacts a stream of text pieces: a piece ending with the start of the key is held back
 * until the next piece shows whether the key follows. Nothing else is delayed.
 */
export class StreamRedactor {
  private held = '';
  private readonly secrets: string[];

  constructor(key: string | undefined) {
    this.secrets = secretsOf(key);
  }

  /** The part of `piece` (plus what was held) that is safe to print now. */
  push(piece: string): string {
    if (this.secrets.length === 0) return piece;
    const text = redactAll(this.held + piece, this.secrets);
    const cut = this.heldFrom(text);
    this.held = text.slice(cut);
    return text.slice(0, cut);
  }

  /** Where the longest tail of `text` that could begin a secret starts (text.length: none). */
  private heldFrom(text: string): number {
    const longest = Math.max(...this.secrets.map((s) => s.length));
    for (let i = Math.max(0, text.length - longest + 1); i < text.length; i++) {
      const tail = text.slice(i);
      if (this.secrets.some((s) => s.startsWith(tail))) return i;
    }
    return text.length;
  }

  /** What is still held back (the stream ended, so it cannot become the key). */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}
