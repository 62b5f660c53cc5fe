// `npm start`: build, then open the extension in a real VS Code on a copy of the demo workspace.
//  - RELAY_BASE_URL (+ RELAY_API_KEY, optional RELAY_MODEL) set: that relay. The key reaches the
//    extension only through the environment (read in development mode), never a file.
//  - otherwise the built-in demo relay on 127.0.0.1 (deterministic answers, no key, no network).
// Desktop `code` when on PATH (or VSCODE_EXECUTABLE), else the VS Code server build: open the
// printed URL in a browser. `--server` forces the server build, `--port N` picks its port.
// The server build is the current VS Code (code-server 4.139.1); `--oldest` runs the oldest one
// we support (4.100.0 = VS Code 1.100), `--code-server V` any known version.
// Ctrl+C stops everything this started and removes the temporary run folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CURRENT_CODE_SERVER, OLDEST_CODE_SERVER, ProvisionError, copyWorkspace, describeVersion, findOnPath, isolatedEnv, startVscodeServer,
  writeUserSettings,
} from './vscode-server.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const cleanups = [];

function parseArgs(argv) {
  const portAt = argv.indexOf('--port');
  const versionAt = argv.indexOf('--code-server');
  const oldest = argv.includes('--oldest');
  return {
    forceServer: argv.includes('--server') || oldest || versionAt >= 0 || process.env.RELAY_START_VSCODE === 'server',
    port: portAt >= 0 ? Number(argv[portAt + 1]) : 0,
    version: versionAt >= 0 ? argv[versionAt + 1] : oldest ? OLDEST_CODE_SERVER : CURRENT_CODE_SERVER,
  };
}

function build() {
  console.log('Building the extension (npm run build)…');
  const result = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new ProvisionError(`The build failed:\n${result.stderr}\nFix it, then run npm start again.`);
}

/** The relay to use: the one from the environment, or the demo relay started here. */
async function relay() {
  if (process.env.RELAY_BASE_URL) {
    console.log(`Relay: ${process.env.RELAY_BASE_URL}${process.env.RELAY_API_KEY ? ' (API key from RELAY_API_KEY)' : ' (no RELAY_API_KEY set)'}`);
    return { baseUrl: process.env.RELAY_BASE_URL, model: process.env.RELAY_MODEL };
  }
  const { tsImport } = await import('tsx/esm/api');
  const { startSimulator } = await tsImport(pathToFileURL(join(ROOT, 'test', 'support', 'simulator.ts')).href, import.meta.url);
  const { demoResponder } = await tsImport(pathToFileURL(join(ROOT, 'test', 'support', 'demo.ts')).href, import.meta.url);
  const sim = await startSimulator({ host: '127.0.0.1' });
  sim.setResponder(demoResponder());
  cleanups.push(() => sim.close());
  console.log(`Relay: the built-in demo relay at ${sim.url} (deterministic demo answers; set RELAY_BASE_URL and RELAY_API_KEY to use a real relay)`);
  return { baseUrl: sim.url, model: undefined };
}

function relaySettings({ baseUrl, model }) {
  return { 'relayAssistant.baseUrl': baseUrl, ...(model ? { 'relayAssistant.model': model } : {}) };
}

function desktopCode() {
  return process.env.VSCODE_EXECUTABLE || findOnPath('code');
}

/** Desktop VS Code in its own user-data folder (a separate instance, so it gets our environment). */
function startDesktop(code, runDir, workspace, env) {
  console.log(`Opening desktop VS Code (${code}) on ${workspace}`);
  const child = spawn(code, [
    '--new-window', '--wait', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'udd'),
    '--extensions-dir', join(runDir, 'ext'), '--extensionDevelopmentPath', ROOT, workspace,
  ], { env, stdio: 'inherit', detached: true });
  cleanups.push(() => signalGroup(child.pid));
  return new Promise((done) => child.once('exit', done));
}

function signalGroup(pid) {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function startServer(runDir, workspace, env, port, version) {
  const server = await startVscodeServer({ runDir, workspace, env, port, version, payload: true });
  cleanups.push(() => server.stop());
  const authority = new URL(server.url).host;
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`]]);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  const bar = '='.repeat(78);
  console.log(`\n${bar}\nRelay Assistant is running in ${describeVersion(version)}. Open this URL in a browser:\n\n  ${url}\n\n` +
    `(from another machine, forward port ${new URL(server.url).port} first, e.g. ssh -L ${new URL(server.url).port}:127.0.0.1:${new URL(server.url).port})\n` +
    `Press Ctrl+C to stop.\n${bar}\n`);
  return new Promise((done) => server.process.once('exit', done));
}

async function stopAll() {
  while (cleanups.length) await Promise.resolve(cleanups.pop()()).catch(() => undefined);
}

async function main() {
  const { forceServer, port, version } = parseArgs(process.argv.slice(2));
  build();
  const runDir = mkdtempSync(join(tmpdir(), 'relay-assistant-start-'));
  cleanups.push(() => rmSync(runDir, { recursive: true, force: true }));
  const workspace = copyWorkspace(FIXTURE_WORKSPACE, runDir);
  writeUserSettings(runDir, relaySettings(await relay()));
  const env = isolatedEnv(runDir, process.env.RELAY_API_KEY ? { RELAY_API_KEY: process.env.RELAY_API_KEY } : {});
  const code = forceServer ? undefined : desktopCode();
  if (code) await startDesktop(code, runDir, workspace, env);
  else await startServer(runDir, workspace, env, port, version);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log('\nStopping…');
    stopAll().finally(() => process.exit(0));
  });
}

main().then(stopAll, async (error) => {
  console.error(error instanceof ProvisionError ? error.message : error);
  await stopAll();
  process.exit(1);
});
