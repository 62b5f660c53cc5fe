// The one redaction policy: what never leaves the process in text (output channel, error
// messages, webview state, the CLI's stdout and stderr). Known secrets (the API key, secret
// header values) become ***, also when the text arrives in pieces; log lines additionally lose
// `Bearer …` credentials and anything the secret detector recognises.
import { findSecrets } from './secrets/detect';

/** Values shorter than this are placeholders (local servers' "ollama", "none"), not secrets; masking them would garble text. */
export const MIN_SECRET_LENGTH = 8;
export const MASK = '***';

/**
 * Header names whose values are credentials: Authorization, Proxy-Authorization, Cookie, api-key,
 * x-api-key, x-goog-api-key, x-portkey-virtual-key, Ocp-Apim-Subscription-Key, *-token, *-secret,
 * *-password, *-signature, *-session … Not every name with `key` inside: `x-portkey-provider`,
 * `idempotency-key` or `x-title` carry no secret, and masking their values garbles every message that quotes them.
 */
export const SECRET_HEADER =
  /^(?:(?:proxy-)?authorization|(?:set-)?cookie|(?:x-)?api-?key)$|(?:^|[-_])(?:token|secret|password|passwd|passphrase|signature|credentials?|session(?:-?id)?|auth)$|(?:^|[-_])(?:api|access|secret|subscription|functions|virtual|private|auth|account|master|client)[-_]?key$/i;

type Secrets = string | readonly (string | undefined)[] | undefined;

function secretsOf(secrets: Secrets): string[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets ?? [];
  // Longest first, so a secret that contains another is masked whole.
  return [...new Set(list.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
}

/** The values of `headers` that are credentials (by header name). */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {}).filter(([name]) => SECRET_HEADER.test(name)).map(([, v]) => v);
}

/** Replaces every occurrence of each secret in `text` with ***. */
export function redact(text: string, secrets: Secrets): string {
  let out = text;
  for (const s of secretsOf(secrets)) out = out.split(s).join(MASK);
  return out;
}

const BEARER = /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/g;

/** redact(), plus `Bearer …` credentials and detected secrets: for log lines and error messages. */
export function redactLog(text: string, secrets: Secrets): string {
  let out = redact(text, secrets).replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`);
  if (out.length > 200_000) return out;
  const found = findSecrets(out);
  for (let i = found.length - 1; i >= 0; i--) out = out.slice(0, found[i].start) + MASK + out.slice(found[i].end);
  return out;
}

/**
 * Redacts a stream of text pieces: a piece ending with the start of a secret is held back
 * until the next piece shows whether the secret follows. Nothing else is delayed.
 */
export class StreamRedactor {
  private held = '';
  private readonly secrets: string[];

  constructor(secrets: Secrets) {
    this.secrets = secretsOf(secrets);
  }

  /** The part of `piece` (plus what was held) that is safe to print now. */
  push(piece: string): string {
    if (this.secrets.length === 0) return piece;
    const text = redact(this.held + piece, this.secrets);
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

  /** What is still held back (the stream ended, so it cannot become a secret). */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}
