// The VS Code server build (code-server on npm) used by `npm start`, the integration tier
// and the browser E2E tier. Installed on first use into a cache folder outside the project
// and reused between runs. Run directly (`node scripts/vscode-server.mjs`) to provision it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.0';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
/** Native modules of the server's nested projects whose install scripts must run (npm 11 blocks unapproved ones). */
const NESTED_SCRIPTS = [
  'kerberos', 'node-pty', 'native-watchdog', '@parcel/watcher', '@vscode/ripgrep',
  '@vscode/spdlog', '@vscode/deviceid', '@vscode/windows-ca-certs', '@vscode/windows-process-tree',
  '@vscode/windows-registry', 'esbuild',
];

/** The cache folder: $RELAY_ASSISTANT_CACHE, else $XDG_CACHE_HOME/relay-assistant, else ~/.cache/relay-assistant. */
export function cacheRoot() {
  if (process.env.RELAY_ASSISTANT_CACHE) return resolve(process.env.RELAY_ASSISTANT_CACHE);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'relay-assistant');
}

function installDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

function entryScript() {
  return join(installDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function completeMarker() {
  return join(installDir(), '.complete');
}

/** A failure with the exact instruction that fixes it. */
export class ProvisionError extends Error {}

function log(message) {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

function checkPrerequisites() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new ProvisionError(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is ${process.versions.node}). Run with Node 20, or set VSCODE_EXECUTABLE to a desktop VS Code.`);
  }
  const rg = findOnPath('rg');
  if (!rg) throw new ProvisionError('ripgrep is missing. Install it: apt-get install -y ripgrep');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) {
    throw new ProvisionError('Kerberos headers are missing (needed to build the server). Install them: apt-get install -y libkrb5-dev');
  }
  return rg;
}

export function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the archive. */
function seedRipgrepCache(rg) {
  const archive = join(RIPGREP_CACHE, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  mkdirSync(RIPGREP_CACHE, { recursive: true });
  const dir = rg.slice(0, rg.lastIndexOf('/'));
  const tar = spawnSync('tar', ['czf', archive, '-C', dir, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new ProvisionError(`Could not write ${archive} (tar exited ${tar.status}).`);
}

/**
 * npm 11 runs dependency install scripts only when approved. Approvals passed through the
 * environment break code-server's nested installs (EALLOWSCRIPTS), so: install with the
 * approval in package.json (argon2 only), then approve the nested projects' native modules in
 * their own .npmrc and run code-server's postinstall ourselves.
 */
/** node-gyp builds against this Node's own headers (Debian: /usr) instead of downloading them. */
function nodeHeadersDir() {
  const prefix = resolve(process.execPath, '..', '..');
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : '/usr';
}

function installEnv() {
  return {
    ...process.env,
    npm_config_nodedir: process.env.npm_config_nodedir || nodeHeadersDir(),
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
  };
}

function runNpmInstall(dir) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'relay-assistant-vscode-server', private: true, allowScripts: { argon2: true } }, null, 2));
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (about a minute, once)`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir, env: installEnv(), stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new ProvisionError(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.status}). Check access to the npm registry, then run: node scripts/vscode-server.mjs`);
  }
}

function runCodeServerPostinstall(dir) {
  const pkg = join(dir, 'node_modules', 'code-server');
  const allow = `allow-scripts=${NESTED_SCRIPTS.join(',')}\n`;
  for (const nested of ['lib/vscode', 'lib/vscode/extensions']) writeFileSync(join(pkg, nested, '.npmrc'), allow);
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const env = { ...installEnv(), npm_config_user_agent: `npm/${npmVersion} node/${process.version} ${process.platform} ${process.arch}` };
  log('building the server\'s native modules (code-server postinstall)');
  const result = spawnSync('sh', ['./postinstall.sh'], { cwd: pkg, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new ProvisionError(`code-server's postinstall failed (exit ${result.status}). It needs a C++ toolchain, Node 20 headers (npm_config_nodedir=/usr) and libkrb5-dev: apt-get install -y build-essential libkrb5-dev ripgrep`);
  }
}

function smokeCheck() {
  const result = spawnSync(process.execPath, [entryScript(), '--version'], { encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout.includes(CODE_SERVER_VERSION)) {
    throw new ProvisionError(`code-server did not start after install: ${(result.stderr || result.stdout).trim().slice(0, 500)}. Delete ${installDir()} and run: node scripts/vscode-server.mjs`);
  }
}

/** Installs the server build when missing; returns the path of its entry script. */
export function ensureVscodeServer() {
  if (isInstalled()) return entryScript();
  const rg = checkPrerequisites();
  const release = acquireInstallLock();
  try {
    if (isInstalled()) return entryScript(); // another run installed it while we waited
    seedRipgrepCache(rg);
    const dir = installDir();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    runNpmInstall(dir);
    runCodeServerPostinstall(dir);
    smokeCheck();
    writeFileSync(completeMarker(), new Date().toISOString() + '\n');
    log(`ready: ${entryScript()}`);
    return entryScript();
  } finally {
    release();
  }
}

function isInstalled() {
  return existsSync(completeMarker()) && existsSync(entryScript());
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One install at a time (npm start and npm test may both need it first): a lock folder holding the owner's pid. */
function acquireInstallLock() {
  const lock = `${installDir()}.lock`;
  mkdirSync(cacheRoot(), { recursive: true });
  for (let waited = false; ; waited = true) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      const owner = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !isAlive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) log(`waiting for another run to finish installing (${lock})`);
      spawnSync('sleep', ['2']);
    }
  }
}

/** Environment that keeps code-server and the browser out of the real home folder. */
export function isolatedEnv(runDir, extra = {}) {
  const home = join(runDir, 'home');
  for (const d of ['', '.config', '.local/share', '.cache']) mkdirSync(join(home, d), { recursive: true });
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    ...extra,
  };
  if (env.HTTP_PROXY || env.HTTPS_PROXY || env.http_proxy || env.https_proxy) {
    env.NO_PROXY = env.no_proxy = ['127.0.0.1', 'localhost', env.NO_PROXY || env.no_proxy].filter(Boolean).join(',');
  }
  return env;
}

/** Default user settings for a run; `extra` is merged on top. */
export function writeUserSettings(runDir, extra = {}) {
  const dir = join(runDir, 'udd', 'User');
  mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    'workbench.tips.enabled': false,
    'chat.commandCenter.enabled': false,
    ...extra,
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

function serverArgs(runDir) {
  return [
    '--user-data-dir', join(runDir, 'udd'),
    '--extensions-dir', join(runDir, 'ext'),
  ];
}

/** Installs a packaged .vsix into the run's extensions folder. */
export function installVsix(runDir, vsix, env) {
  const result = spawnSync(process.execPath, [ensureVscodeServer(), ...serverArgs(runDir), '--install-extension', vsix, '--force'], {
    encoding: 'utf8', env,
  });
  if (result.status !== 0) {
    throw new ProvisionError(`Installing ${vsix} into the VS Code server failed: ${(result.stderr || result.stdout).trim().slice(0, 800)}`);
  }
  return result.stdout;
}

/** Copies a folder (the fixture workspace) so a run never writes into the repository. */
export function copyWorkspace(from, runDir) {
  const to = join(runDir, 'workspace');
  cpSync(from, to, { recursive: true });
  return to;
}

/**
 * Starts code-server on 127.0.0.1 (port 0) for `workspace`. Resolves once it listens.
 * stop() ends its whole process group (extension host and helpers included).
 */
export function startVscodeServer({ runDir, workspace, env, host = '127.0.0.1', port = 0, onOutput, workspaceTrust = false }) {
  const configFile = join(runDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  // workspaceTrust: true leaves Workspace Trust on (with security.workspace.trust.enabled in the
  // user settings, a fresh folder then opens in Restricted Mode).
  const args = [
    ensureVscodeServer(), '--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry',
    '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    ...serverArgs(runDir), '--config', configFile, workspace,
  ];
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => stopGroup(child);
  return new Promise((resolveStart, rejectStart) => {
    let output = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      onOutput?.(text);
      output += text;
      const match = /HTTP server listening on (http:\/\/[^\s/]+)\//.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        if (onOutput) {
          child.stdout.on('data', (c) => onOutput(c.toString()));
          child.stderr.on('data', (c) => onOutput(c.toString()));
        }
        resolveStart({ url: match[1], process: child, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rejectStart(new ProvisionError(`code-server exited (${code}) before listening:\n${output.slice(-1500)}`)));
  });
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** SIGTERM to the whole group, SIGKILL to what is left once the server exits (or after 5 s). */
function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child.pid, 'SIGKILL');
    return Promise.resolve();
  }
  return new Promise((done) => {
    const force = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      signalGroup(child.pid, 'SIGKILL');
      done();
    });
    signalGroup(child.pid, 'SIGTERM');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureVscodeServer());
  } catch (error) {
    console.error(error instanceof ProvisionError ? error.message : error);
    process.exit(1);
  }
}
