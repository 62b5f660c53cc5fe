// Path-based skip rules: vendored folders, build output, lockfiles, minified files, source maps,
// snapshots, binaries by extension, likely secrets. Each rule answers with a reason in plain
// words, or null when the path may be reviewed.

/** Folders that hold someone else's code: never reviewed, at any depth, tracked or not; pruned whole. */
export const VENDORED_DIRS = [
  'node_modules', 'vendor', 'vendors', 'third_party', 'third-party', 'thirdparty', '.yarn', 'bower_components',
  'jspm_packages', 'Pods', 'Carthage', '.venv', 'venv', 'site-packages', '__pycache__', '.tox', '.git', '.hg', '.svn',
];

/**
 * Folders that usually hold build output. In a git work tree they are skipped only when git does not
 * track their files (a tracked `scripts/build/` is source); outside git only at the root.
 */
export const BUILD_DIRS = ['build', 'dist', 'out', 'coverage', 'target', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.parcel-cache', '.gradle'];

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock',
  'cargo.lock', 'gemfile.lock', 'composer.lock', 'poetry.lock', 'pipfile.lock', 'go.sum', 'podfile.lock',
  'packages.lock.json', 'flake.lock', 'mix.lock', 'pubspec.lock', 'uv.lock', 'pdm.lock', 'gradle.lockfile', 'deno.lock',
]);

/** License texts (LICENSE, LICENSE.md, COPYING, license-mit.txt…): legal text, nothing to review, and long. */
const LICENSE_FILE = /^(licen[cs]e|copying|unlicense)([-_][\w-]+)?(\.(md|txt|rst))?$/;

const SECRET_NAMES = new Set([
  '.npmrc', '.netrc', '_netrc', '.pypirc', '.htpasswd', 'htpasswd', '.git-credentials', '.pgpass', '.dockercfg',
  'credentials', 'credentials.json', 'credentials.yml', 'credentials.yaml', 'secrets.json', 'secrets.yml',
  'secrets.yaml', 'service-account.json', 'keystore.jks', '.envrc', 'kubeconfig', 'application_default_credentials.json',
  '.vault-token', '.s3cfg', '.boto', '.secrets', 'auth.json', 'terraform.tfstate',
]);

const SECRET_EXTENSIONS = [
  '.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.kdbx', '.asc', '.gpg', '.ppk', '.crt', '.cer', '.der', '.p8',
  '.tfvars', '.tfstate', '.keychain', '.keychain-db',
];

/** Secret files known by their folder and name together (`.kube/config`, `.docker/config.json`). */
const SECRET_PATHS = ['.kube/config', '.docker/config.json'];

const GENERATED_SUFFIXES = ['.min.js', '.min.mjs', '.min.cjs', '.min.css', '-min.js', '.map'];

/** Extensions of files that are never text worth sending (checked before reading). */
const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'avif', 'tif', 'tiff', 'psd', 'mp3', 'mp4', 'm4a', 'wav', 'ogg',
  'flac', 'webm', 'mov', 'avi', 'mkv', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z',
  'rar', 'tar', 'jar', 'war', 'class', 'exe', 'dll', 'so', 'dylib', 'a', 'o', 'obj', 'lib', 'pyc', 'pyo', 'wasm', 'node',
  'bin', 'dat', 'db', 'sqlite', 'sqlite3', 'dmg', 'iso', 'apk', 'ipa', 'deb', 'rpm', 'parquet', 'npy', 'npz', 'pkl', 'h5',
  'onnx', 'pt', 'ckpt', 'safetensors',
]);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Why a file name looks like a secret, or null. Matching is case-insensitive. */
export function secretReason(path: string): string | null {
  const lower = path.toLowerCase();
  const name = baseName(lower);
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'likely secret (environment file)';
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return 'likely secret (SSH key)';
  if (SECRET_NAMES.has(name) || /^client_secret.*\.json$/.test(name)) return 'likely secret (credentials file)';
  if (SECRET_PATHS.some((p) => lower === p || lower.endsWith(`/${p}`))) return 'likely secret (credentials file)';
  if (SECRET_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'likely secret (key or certificate)';
  const parts = lower.split('/');
  if (parts.includes('.aws') || parts.includes('.ssh')) return 'likely secret (credentials folder)';
  return null;
}

/** The top-most folder of `path` named like one of `names` ("a/node_modules"), or null. */
export function folderNamed(path: string, names: readonly string[]): string | null {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (names.includes(parts[i])) return parts.slice(0, i + 1).join('/');
  return null;
}

/** The vendored folder a path lies in ("third_party/lib"), or null. */
export function vendoredDirOf(path: string): string | null {
  return folderNamed(path, VENDORED_DIRS);
}

export const VENDORED_REASON = 'vendored folder';
export const BUILD_REASON = 'build output folder (not tracked by git)';

/**
 * Why a path is never reviewed, whatever git says (secret, vendored folder, lockfile, minified,
 * source map, snapshot, binary), or null. Secrets win.
 */
export function pathSkipReason(path: string): string | null {
  const secret = secretReason(path);
  if (secret) return secret;
  const vendored = vendoredDirOf(path);
  if (vendored) return `${VENDORED_REASON} (${vendored}/)`;
  const name = baseName(path).toLowerCase();
  if (LOCKFILES.has(name)) return 'lockfile';
  if (LICENSE_FILE.test(name)) return 'license text';
  if (GENERATED_SUFFIXES.some((s) => name.endsWith(s))) return name.endsWith('.map') ? 'generated file (source map)' : 'generated file (minified)';
  if (name.endsWith('.snap') || path.split('/').includes('__snapshots__')) return 'snapshot file';
  const dot = name.lastIndexOf('.');
  if (dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1))) return 'binary file';
  return null;
}
