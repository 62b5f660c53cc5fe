// The VS Code server builds (code-server on npm) used by `npm start`, the integration tier
// and the browser E2E tier: the current VS Code and the oldest one package.json's
// engines.vscode claims. Each is installed on first use into a cache folder outside the
// project (cacheRoot()) and reused between runs; a `.complete` marker says an install finished.
// Run directly to provision: `node scripts/vscode-server.mjs [4.139.1|4.100.0|all]` (default all).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The server builds the tiers run on, newest first. `node`: the Node major its postinstall
 * accepts; `nodePackage`: where that Node comes from when it is not the Node running this
 * script (the npm package `node`, whose `node-<platform>-<arch>` package ships bin/node and
 * include/node, so native modules build against its headers without downloading any).
 * `payloadArgs`: what the server needs to honour the workbench URL's `payload`
 * (extensionDevelopmentPath, extensionTestsPath): since VS Code 1.10x a built workbench reads it
 * only with the smoke-test driver enabled, which code-server passes through as a VS Code option.
 */
export const CODE_SERVERS = {
  '4.139.1': { vscode: '1.139.1', node: 24, nodePackage: 'node@24.21.0', bundlesRipgrep: true, payloadArgs: ['--vscode-option', 'enable-smoke-test-driver'] },
  '4.100.0': { vscode: '1.100.0', node: 20 },
};
export const CODE_SERVER_VERSIONS = Object.keys(CODE_SERVERS);
export const CURRENT_CODE_SERVER = '4.139.1';
export const OLDEST_CODE_SERVER = '4.100.0';
/** Picks the server build(s) a run uses: one version, or a comma-separated list. */
export const CODE_SERVER_ENV = 'RELAY_TEST_CODE_SERVER';

const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
/** Native modules of the server's nested projects whose install scripts must run (npm 11 blocks unapproved ones). */
const NESTED_SCRIPTS = [
  'kerberos', 'node-pty', 'native-watchdog', '@parcel/watcher', '@vscode/ripgrep',
  '@vscode/spdlog', '@vscode/deviceid', '@vscode/windows-ca-certs', '@vscode/windows-process-tree',
  '@vscode/windows-registry', 'esbuild',
];
/** A registry hiccup gets this many tries (with a growing pause) before a step counts as failed. */
const TRIES = 3;
const NETWORK_ERROR = /\b(ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EAI_AGAIN|ECONNREFUSED|ENOTFOUND|EPIPE|E5\d\d|E429|network|socket hang up|integrity checksum failed)\b/i;

/** A failure with the exact instruction that fixes it. */
export class ProvisionError extends Error {}

/** The cache folder: $RELAY_ASSISTANT_CACHE, else $XDG_CACHE_HOME/relay-assistant, else ~/.cache/relay-assistant. */
export function cacheRoot() {
  if (process.env.RELAY_ASSISTANT_CACHE) return resolve(process.env.RELAY_ASSISTANT_CACHE);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'relay-assistant');
}

function spec(version) {
  const found = CODE_SERVERS[version];
  if (!found) throw new ProvisionError(`Unknown code-server version "${version}". Known: ${CODE_SERVER_VERSIONS.join(', ')} (set ${CODE_SERVER_ENV} to one of them).`);
  return found;
}

/** The versions a test tier runs: $RELAY_TEST_CODE_SERVER (one or a comma-separated list), else every one, newest first. */
export function testedVersions() {
  const wanted = (process.env[CODE_SERVER_ENV] || '').split(',').map((v) => v.trim()).filter(Boolean);
  if (!wanted.length) return [...CODE_SERVER_VERSIONS];
  for (const version of wanted) spec(version);
  return wanted;
}

/** The version one run uses: the one given, else the first of $RELAY_TEST_CODE_SERVER, else the current VS Code. */
export function codeServerVersion(version) {
  const chosen = version || testedVersions()[0] || CURRENT_CODE_SERVER;
  spec(chosen);
  return chosen;
}

/** "VS Code 1.139.1 (code-server 4.139.1)": how tier titles and logs name a version. */
export function describeVersion(version) {
  return `VS Code ${spec(version).vscode} (code-server ${version})`;
}

/** "vscode-1.139.1": the folder under test-results/ that holds one version's logs and screenshots. */
export function resultsFolderName(version) {
  return `vscode-${spec(version).vscode}`;
}

function log(message) {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

export function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

// ---- Node for a server build ------------------------------------------------------------

function nodeCacheDir(major) {
  return join(cacheRoot(), `node${major}`);
}

function npmNodeBinary(major) {
  return join(nodeCacheDir(major), 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
}

function majorOf(nodeVersion) {
  return Number(String(nodeVersion).replace(/^v/, '').split('.')[0]);
}

/** The Node binary that runs (and builds) a server build, when it is there already. */
function installedNode(version) {
  const { node } = spec(version);
  if (majorOf(process.versions.node) === node) return process.execPath;
  const bin = npmNodeBinary(node);
  return existsSync(join(nodeCacheDir(node), '.complete')) && existsSync(bin) ? bin : undefined;
}

/** Installs the npm package `node@<pinned>` into the cache when this Node's major is not the one the server needs. */
function ensureNode(version) {
  const found = installedNode(version);
  if (found) return found;
  const { node, nodePackage } = spec(version);
  if (!nodePackage) {
    throw new ProvisionError(`code-server ${version} needs Node ${node} (this is ${process.versions.node}). Run with Node ${node}, or set VSCODE_EXECUTABLE to a desktop VS Code.`);
  }
  const dir = nodeCacheDir(node);
  return withLock(dir, () => {
    const again = installedNode(version);
    if (again) return again;
    const logFile = `${dir}.install.log`;
    writeFileSync(logFile, '');
    freshDir(dir, { name: `relay-assistant-node${node}`, private: true, allowScripts: { node: true } });
    log(`installing ${nodePackage} into ${dir} (code-server ${version} needs Node ${node}; log: ${logFile})`);
    runStep(`npm install ${nodePackage}`, 'npm', ['install', '--no-audit', '--no-fund', nodePackage], { cwd: dir, env: process.env, logFile, retryOnNetwork: true });
    const bin = npmNodeBinary(node);
    const reported = existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
    if (majorOf(reported) !== node) {
      throw new ProvisionError(`${nodePackage} did not leave a working Node ${node} at ${bin} (it reports "${reported || 'nothing'}"). See ${logFile}; delete ${dir} and run: node scripts/vscode-server.mjs ${version}`);
    }
    writeFileSync(join(dir, '.complete'), `${reported} ${new Date().toISOString()}\n`);
    return bin;
  });
}

/** node-gyp builds against this Node's own headers (Debian's Node: /usr) instead of downloading them. */
function nodeHeadersDir(nodeBinary) {
  const prefix = resolve(nodeBinary, '..', '..');
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : '/usr';
}

/** The environment for npm and node-gyp: the server's Node first on PATH, its headers, root allowed, npx never asks. */
function buildEnv(nodeBinary) {
  const ownNode = nodeBinary === process.execPath;
  return {
    ...process.env,
    PATH: `${resolve(nodeBinary, '..')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: ownNode && process.env.npm_config_nodedir ? process.env.npm_config_nodedir : nodeHeadersDir(nodeBinary),
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
  };
}

// ---- installing -------------------------------------------------------------------------

function installDir(version) {
  return join(cacheRoot(), `code-server-${version}`);
}

function entryScript(version) {
  return join(installDir(version), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function isInstalled(version) {
  return existsSync(join(installDir(version), '.complete')) && existsSync(entryScript(version));
}

function checkPrerequisites(version) {
  const missing = ['make', 'g++', 'python3'].filter((tool) => !findOnPath(tool));
  if (missing.length) throw new ProvisionError(`${missing.join(', ')} missing (needed to build the server's native modules). Install them: apt-get install -y build-essential python3`);
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) {
    throw new ProvisionError('Kerberos headers are missing (needed to build the server). Install them: apt-get install -y libkrb5-dev');
  }
  if (spec(version).bundlesRipgrep) return;
  const rg = findOnPath('rg');
  if (!rg) throw new ProvisionError(`ripgrep is missing (code-server ${version} needs it). Install it: apt-get install -y ripgrep`);
  seedRipgrepCache(rg);
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the archive. */
function seedRipgrepCache(rg) {
  const archive = join(RIPGREP_CACHE, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  mkdirSync(RIPGREP_CACHE, { recursive: true });
  const tar = spawnSync('tar', ['czf', archive, '-C', resolve(rg, '..'), 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new ProvisionError(`Could not write ${archive} (tar exited ${tar.status}).`);
}

function freshDir(dir, packageJson) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
}

function pause(seconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

function lastLines(file, from, count = 30) {
  return readFileSync(file, 'utf8').slice(from).trimEnd().split('\n').slice(-count).join('\n');
}

/** What to do about a failed step, read from its output. */
function remedy(output) {
  if (/gssapi|krb5/i.test(output)) return 'The Kerberos headers are missing: apt-get install -y libkrb5-dev';
  if (/requires node v\d+/i.test(output)) return 'The server refused this Node version (see above).';
  if (/gyp ERR|make: \*\*\*|not found: (make|g\+\+|python)/i.test(output)) return 'A native module did not build: apt-get install -y build-essential python3 libkrb5-dev';
  if (NETWORK_ERROR.test(output)) return 'The npm registry could not be reached reliably: check the network or proxy settings and run again.';
  return 'See the log above.';
}

/**
 * Runs one install step with its output in `logFile` (tail it to follow a long install). A step
 * whose output shows a network error is tried again (TRIES in all), with a growing pause;
 * any other failure stops at once, with the log's last lines and what fixes it.
 */
function runStep(title, command, args, { cwd, env, logFile, retryOnNetwork }) {
  for (let attempt = 1; ; attempt++) {
    const from = existsSync(logFile) ? readFileSync(logFile).length : 0;
    const fd = openSync(logFile, 'a');
    const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    if (result.status === 0) return;
    const tail = lastLines(logFile, from);
    const why = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    if (retryOnNetwork && attempt < TRIES && NETWORK_ERROR.test(tail)) {
      log(`${title} failed (${why}), apparently a network error; try ${attempt + 1} of ${TRIES} in ${attempt * 15} s`);
      pause(attempt * 15);
      continue;
    }
    throw new ProvisionError(`${title} failed (${why}, in ${cwd}).\n--- last lines of ${logFile} ---\n${tail}\n---\n${remedy(tail)}`);
  }
}

/**
 * npm 11 runs dependency install scripts only when approved. Approvals passed through the
 * environment break code-server's nested installs (EALLOWSCRIPTS), so: install with the
 * approval in package.json (argon2 only), then approve the nested projects' native modules in
 * their own .npmrc and run code-server's postinstall ourselves, under the server's Node (its
 * postinstall reads the Node major from npm's user agent and refuses any other).
 */
function installCodeServer(version, nodeBinary, logFile) {
  const dir = installDir(version);
  const env = buildEnv(nodeBinary);
  freshDir(dir, { name: 'relay-assistant-vscode-server', private: true, allowScripts: { argon2: true } });
  log(`installing code-server@${version} (VS Code ${spec(version).vscode}) into ${dir}: a few minutes, once; log: ${logFile}`);
  runStep(`npm install code-server@${version}`, 'npm', ['install', '--no-audit', '--no-fund', `code-server@${version}`], { cwd: dir, env, logFile, retryOnNetwork: true });
  const pkg = join(dir, 'node_modules', 'code-server');
  const allow = `allow-scripts=${NESTED_SCRIPTS.join(',')}\n`;
  for (const nested of ['lib/vscode', 'lib/vscode/extensions']) {
    if (existsSync(join(pkg, nested))) writeFileSync(join(pkg, nested, '.npmrc'), allow);
  }
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8', env }).stdout.trim();
  const nodeVersion = spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  log('building the server\'s native modules (code-server postinstall)');
  runStep(`code-server ${version} postinstall`, 'sh', ['./postinstall.sh'], {
    cwd: pkg, logFile, retryOnNetwork: true,
    env: { ...env, npm_config_user_agent: `npm/${npmVersion} node/${nodeVersion} ${process.platform} ${process.arch}` },
  });
  const smoke = spawnSync(nodeBinary, [entryScript(version), '--version'], { encoding: 'utf8' });
  if (smoke.status !== 0 || !smoke.stdout.includes(version)) {
    throw new ProvisionError(`code-server ${version} did not start after install: ${(smoke.stderr || smoke.stdout).trim().slice(0, 500)}. Delete ${dir} and run: node scripts/vscode-server.mjs ${version}`);
  }
  writeFileSync(join(dir, '.complete'), `${smoke.stdout.trim().split('\n')[0]} ${new Date().toISOString()}\n`);
}

/** Installs a server build (and the Node it needs) when missing; returns how to run it. */
export function ensureVscodeServer(version = codeServerVersion()) {
  spec(version);
  const node = ensureNode(version);
  if (isInstalled(version)) return { version, node, entry: entryScript(version) };
  checkPrerequisites(version);
  return withLock(installDir(version), () => {
    if (!isInstalled(version)) { // another run may have installed it while we waited
      const logFile = `${installDir(version)}.install.log`;
      writeFileSync(logFile, '');
      installCodeServer(version, node, logFile);
      log(`ready: ${describeVersion(version)} at ${entryScript(version)}`);
    }
    return { version, node, entry: entryScript(version) };
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One install of a folder at a time (npm start and npm test may both need it first): a lock folder holding the owner's pid. */
function withLock(dir, work) {
  const lock = `${dir}.lock`;
  mkdirSync(cacheRoot(), { recursive: true });
  for (let waited = false; ; waited = true) {
    try {
      mkdirSync(lock);
    } catch {
      const owner = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !isAlive(owner)) rmSync(lock, { recursive: true, force: true });
      else {
        if (!waited) log(`waiting for another run to finish installing (${lock})`);
        pause(2);
      }
      continue;
    }
    writeFileSync(join(lock, 'pid'), String(process.pid));
    try {
      return work();
    } finally {
      rmSync(lock, { recursive: true, force: true });
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
export function installVsix(runDir, vsix, env, version = codeServerVersion()) {
  const { node, entry } = ensureVscodeServer(version);
  const result = spawnSync(node, [entry, ...serverArgs(runDir), '--install-extension', vsix, '--force'], {
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
export function startVscodeServer({
  runDir, workspace, env, host = '127.0.0.1', port = 0, onOutput, workspaceTrust = false, version = codeServerVersion(), payload = false,
}) {
  const { node, entry } = ensureVscodeServer(version);
  const configFile = join(runDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  // workspaceTrust: true leaves Workspace Trust on (with security.workspace.trust.enabled in the
  // user settings, a fresh folder then opens in Restricted Mode). payload: true when the workbench
  // URL will carry a payload (an unpacked extension, a test runner).
  const args = [
    entry, '--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry',
    '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    ...(payload ? spec(version).payloadArgs ?? [] : []), ...serverArgs(runDir), '--config', configFile, workspace,
  ];
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
        resolveStart({ url: match[1], process: child, stop, version });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => rejectStart(new ProvisionError(`code-server ${version} exited (${code}) before listening:\n${output.slice(-1500)}`)));
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
  const asked = process.argv[2] && process.argv[2] !== 'all' ? [process.argv[2]] : CODE_SERVER_VERSIONS;
  let failed = 0;
  for (const version of asked) {
    try {
      const { node, entry } = ensureVscodeServer(version);
      console.log(`${describeVersion(version)}: ${node} ${entry}`);
    } catch (error) {
      failed++;
      console.error(`${describeVersion(version)} could not be provisioned:\n${error instanceof ProvisionError ? error.message : error?.stack ?? error}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
