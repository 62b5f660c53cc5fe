// Masking: each secret becomes a placeholder that is unique to one masker (a random tag), keeps
// the line breaks of what it hides (line numbers in the sent text stay those of the file), and
// can be put back: an answer quoting the placeholder gets the real value before it reaches a file.
import { randomBytes } from 'node:crypto';
import { findSecrets, type SecretFinding } from './detect';

/** One masked secret: what it was (kind, label) and where (its first line in the text it came from). */
export interface MaskedSecret {
  kind: string;
  label: string;
  line: number;
  /** The number shown in its placeholder. */
  id: number;
}

const PREFIX = '[REDACTED_';
/** Longest placeholder we ever hold back in a stream while waiting for its end. */
const MAX_PLACEHOLDER = 80;

export class SecretMasker {
  /** Random per masker, so a placeholder cannot be confused with text that merely looks like one. */
  readonly tag: string;
  private readonly ids = new Map<string, number>();
  private readonly originals = new Map<string, string>();
  private readonly pattern: RegExp;

  constructor(tag: string = randomBytes(3).toString('hex')) {
    this.tag = tag;
    this.pattern = new RegExp(`\\[REDACTED_[A-Z_]+_\\d+_${tag}(?:_L\\d+)?\\]`, 'g');
  }

  /** How many distinct secrets this masker has replaced so far. */
  get count(): number {
    return this.ids.size;
  }

  /** `text` with every secret replaced; the findings are positions in the original text. */
  mask(text: string): { text: string; findings: SecretFinding[] } {
    const findings = findSecrets(text);
    if (!findings.length) return { text, findings };
    let out = '';
    let at = 0;
    for (const f of findings) {
      out += text.slice(at, f.start) + this.placeholderFor(f.kind, text.slice(f.start, f.end));
      at = f.end;
    }
    return { text: out + text.slice(at), findings };
  }

  /** The number a finding got in its placeholder (after mask()). */
  idOf(secret: string): number | undefined {
    return this.ids.get(secret);
  }

  private placeholderFor(kind: string, secret: string): string {
    let id = this.ids.get(secret);
    if (id === undefined) this.ids.set(secret, (id = this.ids.size + 1));
    const name = `${PREFIX}${kind.toUpperCase().replace(/[^A-Z]+/g, '_')}_${id}_${this.tag}`;
    const parts = secret.split(/(\r\n|\r|\n)/);
    if (parts.length === 1) {
      this.originals.set(`${name}]`, secret);
      return `${name}]`;
    }
    // One placeholder per line: line numbers stay, and each line comes back exactly.
    let out = '';
    for (let i = 0, line = 1; i < parts.length; i++) {
      if (i % 2 === 1) {
        out += parts[i];
        continue;
      }
      const p = `${name}_L${line++}]`;
      this.originals.set(p, parts[i]);
      out += p;
    }
    return out;
  }

  /** `text` with this masker's placeholders replaced by the values they hid. */
  restore(text: string): string {
    if (!this.originals.size || !text.includes(PREFIX)) return text;
    return text.replace(this.pattern, (p) => this.originals.get(p) ?? p);
  }

  /** Restores a stream of pieces: a tail that may be the start of a placeholder waits for the next piece. */
  restoreStream(): { push(piece: string): string; flush(): string } {
    let held = '';
    return {
      push: (piece) => {
        if (!this.originals.size) return piece;
        const text = held + piece;
        const cut = this.heldFrom(text);
        held = text.slice(cut);
        return this.restore(text.slice(0, cut));
      },
      flush: () => {
        const rest = this.restore(held);
        held = '';
        return rest;
      },
    };
  }

  private heldFrom(text: string): number {
    const open = text.lastIndexOf('[');
    if (open === -1 || text.length - open > MAX_PLACEHOLDER) return text.length;
    const tail = text.slice(open);
    if (tail.includes(']')) return text.length;
    const couldStart = PREFIX.startsWith(tail) || (tail.startsWith(PREFIX) && /^[A-Za-z0-9_]*$/.test(tail.slice(PREFIX.length)));
    return couldStart ? open : text.length;
  }
}

/** `text` with the placeholders of `masker` put back (for a refactor or apply result). */
export function restoreSecrets(text: string, masker: SecretMasker): string {
  return masker.restore(text);
}
