// Secret detection: the one policy for "does this text hold a credential", used before anything
// leaves the machine (review skips such a file; chat and edits mask the secret in what is sent).
// This first version knows private key blocks only; the full detector replaces the body.

export interface SecretFinding {
  /** Machine id of the rule, e.g. `private-key`, `aws-access-key`. */
  kind: string;
  /** Plain words for the user, e.g. "a private key". */
  label: string;
  /** 1-based line of the secret's first character. */
  line: number;
  /** Offsets into the scanned text: [start, end). */
  start: number;
  end: number;
}

const PRIVATE_KEY = /-----BEGIN ((?:RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY( BLOCK)?-----/g;

/** High-confidence secrets in `text`, in order of position. */
export function findSecrets(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const m of text.matchAll(PRIVATE_KEY)) {
    const start = m.index ?? 0;
    found.push({ kind: 'private-key', label: 'a private key', line: lineAt(text, start), start, end: start + m[0].length });
  }
  return found;
}

/** "contains a private key, line 12": the reason a review gives for skipping a file. */
export function describeSecret(f: SecretFinding): string {
  return `contains ${f.label}, line ${f.line}`;
}

/** `text` with each secret replaced by a placeholder that keeps line breaks (so line numbers stay). */
export function maskSecrets(text: string): { text: string; findings: SecretFinding[] } {
  const findings = findSecrets(text);
  if (!findings.length) return { text, findings };
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + placeholder(f, text.slice(f.start, f.end));
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}

function placeholder(f: SecretFinding, secret: string): string {
  const breaks = secret.match(/\r\n|\r|\n/g) ?? [];
  return `[REDACTED ${f.kind}]` + breaks.join('');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
