// Secret detection: the one policy for "does this text hold a credential", used before anything
// leaves the machine (review skips such a file; chat and edits mask the secret in what is sent).
// The detector: ./detect.ts with rules in ./rules.ts (a curated port of gitleaks' patterns).
// Masking with unique, restorable placeholders that keep line numbers: ./mask.ts.
import { type SecretFinding } from './detect';
import { SecretMasker } from './mask';

export { findSecrets, describeSecret, type SecretFinding } from './detect';
export { SecretMasker, restoreSecrets, type MaskedSecret } from './mask';
export { entropy } from './rules';

/** `text` with each secret replaced by a placeholder that keeps line breaks (so line numbers stay). */
export function maskSecrets(text: string): { text: string; findings: SecretFinding[] } {
  return new SecretMasker().mask(text);
}
