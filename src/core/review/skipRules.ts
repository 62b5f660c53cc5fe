// Path-based skip rules: generated / vendored folders, lockfiles, likely secrets.
// Each rule answers with a reason in plain words, or null when the path may be reviewed.

/** Folders whose contents are generated or vendored: never reviewed, pruned when walking. */
export const GENERATED_DIRS = ['node_modules', 'dist', 'build', 'out', 'vendor', '.git', 'coverage'];

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock',
  'cargo.lock', 'gemfile.lock', 'composer.lock', 'poetry.lock', 'pipfile.lock', 'go.sum', 'podfile.lock',
  'packages.lock.json', 'flake.lock', 'mix.lock', 'pubspec.lock', 'uv.lock',
]);

const SECRET_NAMES = new Set([
  '.npmrc', '.netrc', '_netrc', '.pypirc', '.htpasswd', '.git-credentials', '.pgpass', '.dockercfg',
  'credentials', 'credentials.json', 'credentials.yml', 'credentials.yaml', 'secrets.json', 'secrets.yml',
  'secrets.yaml', 'service-account.json', 'keystore.jks',
]);

const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.kdbx', '.asc', '.gpg', '.ppk', '.crt', '.cer', '.der', '.p8'];

const GENERATED_SUFFIXES = ['.min.js', '.min.css', '.map', '.min.mjs'];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Why a file name looks like a secret, or null. Matching is case-insensitive. */
export function secretReason(path: string): string | null {
  const name = baseName(path).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'likely secret (environment file)';
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return 'likely secret (SSH key)';
  if (SECRET_NAMES.has(name)) return 'likely secret (credentials file)';
  if (SECRET_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'likely secret (key or certificate)';
  if (path.toLowerCase().split('/').includes('.aws') || path.toLowerCase().split('/').includes('.ssh')) return 'likely secret (credentials folder)';
  return null;
}

/** The generated/vendored folder a path lies in, or null. */
export function generatedDirOf(path: string): string | null {
  const parts = path.split('/').slice(0, -1);
  return parts.find((p) => GENERATED_DIRS.includes(p)) ?? null;
}

/** Why a path is never reviewed (secret, generated, vendored, lockfile), or null. Secrets win. */
export function pathSkipReason(path: string): string | null {
  const secret = secretReason(path);
  if (secret) return secret;
  const dir = generatedDirOf(path);
  if (dir) return `generated or vendored folder (${dir}/)`;
  const name = baseName(path).toLowerCase();
  if (LOCKFILES.has(name)) return 'lockfile';
  if (GENERATED_SUFFIXES.some((s) => name.endsWith(s))) return 'generated file (minified or source map)';
  return null;
}
