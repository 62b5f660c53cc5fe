// The detector's rules: high-confidence credential shapes only (fixed prefixes, fixed lengths,
// a structure that can be checked), so ordinary code and test fixtures stay quiet.
//
// Patterns are a curated subset adapted from gitleaks' published rules (MIT,
// https://github.com/gitleaks/gitleaks, cmd/generate/config/rules/*.go: aws.go, github.go,
// gitlab.go, slack.go, stripe.go, gcp.go, openai.go, anthropic.go, jwt.go, privatekey.go,
// generic.go), rewritten for JavaScript regular expressions, with gitleaks' entropy floors and
// allowlists (EXAMPLE keys, placeholders) carried over as `accept` checks.

export interface SecretRule {
  kind: string;
  label: string;
  /** Global regex; the secret is capture group `group` (default: the whole match). */
  re: RegExp;
  group?: number;
  /** Extra check on the secret (entropy, structure, placeholder words). */
  accept?: (secret: string) => boolean;
  /** Prefilter (as gitleaks' keywords): `re` runs only on lines where this matches. */
  keywords?: RegExp;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Words that mark a value as a placeholder or a deliberate test value, never a live secret. */
const PLACEHOLDER = /example|sample|dummy|placeholder|changeme|change_me|your[-_]?|redacted|fake|mock|test|xxxx|\*\*\*|<[^>]*>|\$\{|\{\{|%\(|^\$|process\.env|os\.environ|getenv/i;

function mixed(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

function base64urlJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Characters that may continue a token: a match must not sit inside a longer word. */
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export const TOKEN_RULES: SecretRule[] = [
  {
    kind: 'aws-access-key',
    label: 'an AWS access key',
    re: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/g,
    accept: (s) => !/EXAMPLE$/.test(s) && entropy(s) >= 3,
  },
  {
    kind: 'github-token',
    label: 'a GitHub token',
    re: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})${E}`, 'g'),
    accept: (s) => entropy(s.slice(4)) >= 3 && !PLACEHOLDER.test(s),
  },
  {
    kind: 'gitlab-token',
    label: 'a GitLab token',
    re: new RegExp(`${B}(glpat-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{2,}[0-9a-z]{7})?)${E}`, 'g'),
    accept: (s) => entropy(s.slice(6)) >= 3 && !PLACEHOLDER.test(s.slice(6)),
  },
  {
    kind: 'slack-token',
    label: 'a Slack token',
    re: new RegExp(`${B}(xox[baprs]-[0-9]{6,13}-[0-9A-Za-z-]{8,})${E}`, 'g'),
    accept: (s) => entropy(s) >= 3 && !PLACEHOLDER.test(s),
  },
  {
    kind: 'slack-webhook',
    label: 'a Slack webhook URL',
    re: /(https?:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{43,56})/g,
  },
  {
    kind: 'stripe-live-key',
    label: 'a Stripe live key',
    re: new RegExp(`${B}((?:sk|rk)_live_[A-Za-z0-9]{20,247})${E}`, 'g'),
    accept: (s) => entropy(s) >= 3 && !PLACEHOLDER.test(s.slice(8)),
  },
  {
    kind: 'google-api-key',
    label: 'a Google API key',
    re: new RegExp(`${B}(AIza[0-9A-Za-z_-]{35})${E}`, 'g'),
    accept: (s) => entropy(s) >= 3.5 && !PLACEHOLDER.test(s),
  },
  {
    kind: 'anthropic-key',
    label: 'an Anthropic API key',
    re: new RegExp(`${B}(sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{40,})${E}`, 'g'),
    accept: (s) => entropy(s) >= 3.5,
  },
  {
    kind: 'api-key',
    label: 'an API key (sk-…)',
    re: new RegExp(`${B}(sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,})${E}`, 'g'),
    accept: (s) => mixed(s.slice(3)) && entropy(s) >= 3.5 && !PLACEHOLDER.test(s),
  },
  {
    kind: 'jwt',
    label: 'a JSON Web Token',
    re: new RegExp(`${B}(eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,})${E}`, 'g'),
    accept: (s) => {
      const header = base64urlJson(s.split('.')[0]) as { alg?: unknown } | undefined;
      return !!header && typeof header === 'object' && typeof header.alg === 'string' && header.alg.toLowerCase() !== 'none';
    },
  },
];

/** `password = "…"`, `"client_secret": "…"`, `API_TOKEN=…`: a secret-named field with a long literal. */
const KEYWORDS = /password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?key|credential/gi;

const NAME = String.raw`[A-Za-z0-9_.-]{0,40}(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?key|credentials?)[A-Za-z0-9_.-]{0,40}`;

const SELF_NAMED = /key|secret|token|passw|pwd/i;

function literalAccept(value: string): boolean {
  if (value.length < 12 || value.length > 200) return false;
  if (PLACEHOLDER.test(value)) return false;
  if (SELF_NAMED.test(value)) return false; // "env-key-123456", "azure-secret-1": a value that names itself is made up
  if (!mixed(value) && !/[^A-Za-z0-9._/-]/.test(value)) return false; // identifiers, paths, words
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false; // UUIDs are ids
  if (/^(?:[a-z]+:\/\/|\.{0,2}\/|[A-Za-z]:\\)/i.test(value) && !/:[^/@\s]+@/.test(value)) return false; // URLs, paths
  return entropy(value) >= 3;
}

export const ASSIGNMENT_RULES: SecretRule[] = [
  {
    // Quoted: password = "…", "secret": '…', token: `…`, password := "…", SECRET => "…"
    kind: 'password-assignment',
    label: 'a password or secret value',
    re: new RegExp(String.raw`(?<![A-Za-z0-9_])${NAME}["']?\s*(?::=|=>|=|:)\s*(["'\`])([^"'\`\s\\]{12,200})\1`, 'gi'),
    group: 2,
    accept: literalAccept,
    keywords: KEYWORDS,
  },
  {
    // Unquoted, env-file style: DB_PASSWORD=…, export API_TOKEN=…
    kind: 'password-assignment',
    label: 'a password or secret value',
    re: new RegExp(String.raw`^[ \t]*(?:export[ \t]+)?[A-Z0-9_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY)[A-Z0-9_]{0,40}[ \t]*=[ \t]*([^\s"'\`;(){}\[\],#]{12,200})[ \t]*$`, 'gm'),
    group: 1,
    accept: literalAccept,
    keywords: KEYWORDS,
  },
];
