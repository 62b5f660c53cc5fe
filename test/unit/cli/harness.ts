// Builds the CLI bundle once per test run (into a temp dir, not dist/) and runs it as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { startSimulator, type Simulator } from '../../support/simulator';

const ROOT = resolve(__dirname, '../../..');
let built: Promise<string> | undefined;
let buildDir: string | undefined;

/** Path of the bundled CLI; bundles src/cli/main.ts on the first call. */
export function builtCli(): Promise<string> {
  built ??= (async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'relay-cli-test-'));
    const outfile = join(buildDir, 'cli.js');
    await build({ entryPoints: [join(ROOT, 'src/cli/main.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    return outfile;
  })();
  return built;
}

process.once('exit', () => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Text piped to stdin; undefined: stdin is /dev/null (an empty pipe-like input). */
  stdin?: string;
  env?: Record<string, string>;
  /** Called once with the child and a promise of the first stdout bytes (for Ctrl+C tests). */
  onSpawn?: (child: ChildProcess, firstOutput: Promise<string>) => void;
}

/** A clean environment: no relay or proxy variables leak in from the machine running the tests. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Runs `node cli.js ...args` to completion. */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  const cli = await builtCli();
  const child = spawn(process.execPath, [cli, ...args], { env: childEnv(opts.env), stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  const firstOutput = new Promise<string>((resolveFirst) => child.stdout!.once('data', (d: string) => resolveFirst(d)));
  child.stdout!.on('data', (d: string) => (stdout += d));
  child.stderr!.on('data', (d: string) => (stderr += d));
  if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
  opts.onSpawn?.(child, firstOutput);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('close', (c, s) => done([c, s])));
  return { code, signal, stdout, stderr };
}

/** A loopback port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A key long enough to be redacted, recognisable if it leaks. */
export const SECRET_KEY = 'sk-test.fake.5f3c9a1e7b2d4c6e';

/** Builds the CLI and starts a relay simulator before the suite, resets it before each test, closes it after. */
export function useCliAndSimulator(): { readonly sim: Simulator } {
  const holder = {} as { sim: Simulator };
  before(async function () {
    this.timeout(60_000);
    await builtCli();
    holder.sim = await startSimulator();
  });
  beforeEach(() => holder.sim.reset());
  after(() => holder.sim.close());
  return holder;
}
