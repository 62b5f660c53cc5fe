// Finding fingerprints for code scanning (SARIF partialFingerprints): a hash of the category, the
// flagged line's text (whitespace normalised) and which occurrence of that pair it is in the file,
// in the spirit of GitHub's primaryLocationLineHash. Inserting unrelated lines keeps them stable.
import { createHash } from 'node:crypto';
import { categoryOf } from './categories';
import type { Finding } from './types';

export const FINGERPRINT_KEY = 'relayReviewLineHash/v1';

function normalise(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** The findings with `fingerprint` set; `lines` are the file's lines (findings' lines are 1-based). */
export function withFingerprints(findings: Finding[], lines: string[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${categoryOf(f)}\u0000${normalise(lines[f.line - 1] ?? '')}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const hash = createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32);
    return { ...f, fingerprint: `${hash}:${occurrence + 1}` };
  });
}
