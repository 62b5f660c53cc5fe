// A real VS Code (the server build) in a real headless Chromium: shared by the integration
// launcher and the browser E2E tier. See docs in /work/shared/e2e-recipe.md for the waits.
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  ProvisionError, codeServerVersion, resultsFolderName, copyWorkspace, installVsix, isolatedEnv, startVscodeServer, writeUserSettings,
  type RunningServer,
} from '../../scripts/vscode-server.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
/** Extensions the test host loads next to ours (see fixtureExtensions). */
export const FIXTURE_EXTENSIONS = join(ROOT, 'test', 'fixtures', 'extensions');
export const EXTENSION_ID = 'relay-assistant.relay-assistant';
/** First waits are generous: a cold Chromium start on 2 busy cores once took 10 s. */
export const SLOW_WAIT_MS = 90_000;

/** CHROME_PATH, the system's Chromium/Chrome, or Playwright's own download when present. */
export function findChromium(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    safeExecutablePath(),
  ];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new ProvisionError(
      'No Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium), or set CHROME_PATH=/path/to/chrome, ' +
        'or where the network allows: npx playwright-core install chromium',
    );
  }
  return found;
}

function safeExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export interface WorkbenchOptions {
  /** Folder copied into the run as the workspace (default: the fixture workspace). */
  workspaceSource?: string;
  /** Extra user settings (the relay URL, …). */
  settings?: Record<string, unknown>;
  /** A packaged extension installed into the fresh server before it starts. */
  vsix?: string;
  /** Extra environment for code-server (and so the extension host). */
  env?: Record<string, string>;
  /** Called with the page before the workbench loads (exposeFunction etc.). */
  beforeLoad?: (page: Page) => Promise<void>;
  /** Extra workbench URL payload entries, with `{server}` replaced by the server's authority. */
  payload?: [string, string][];
  /** code-server's own output (for a log file). */
  onServerOutput?: (text: string) => void;
  /** Leave Workspace Trust on, so the fresh workspace opens in Restricted Mode (default: trust disabled). */
  workspaceTrust?: boolean;
  /** The code-server version (default: codeServerVersion(), i.e. RELAY_TEST_CODE_SERVER or the current VS Code). */
  version?: string;
  /** Unpacked extensions installed into the run's extensions folder before the server starts. */
  extensions?: FixtureExtension[];
}

export interface FixtureExtension {
  /** The extension's folder (its package.json at the top). */
  folder: string;
  /** `publisher.name`, as vscode.extensions.getExtension() takes it. */
  id: string;
  /** The folder name VS Code gives an installed extension: `publisher.name-version`. */
  installedName: string;
}

/**
 * Every folder under test/fixtures/extensions/ (e.g. a consumer of our language models): each is
 * an unpacked extension, loadable as it is (package.json with publisher, name, version, engines;
 * a plain-JS main). Copied into a run's --extensions-dir under its installed name, code-server
 * (4.100 and 4.139 alike) scans and loads it like an extension installed from a .vsix.
 */
export function fixtureExtensions(dir = FIXTURE_EXTENSIONS): FixtureExtension[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const folder = join(dir, entry.name);
      const manifest = join(folder, 'package.json');
      if (!existsSync(manifest)) throw new ProvisionError(`${folder} is not an extension (no package.json); every folder under ${dir} is loaded into the test host.`);
      const { publisher, name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string | undefined>;
      if (!publisher || !name || !version) throw new ProvisionError(`${manifest} needs publisher, name and version to be installed into the test host.`);
      return { folder, id: `${publisher}.${name}`, installedName: `${publisher}.${name}-${version}` };
    });
}

/** Results of one server build under `root`: root/vscode-<VS Code version>. */
export function vscodeResultsDir(root: string, version: string): string {
  return join(root, resultsFolderName(version));
}

export interface Workbench {
  runDir: string;
  workspace: string;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Ends the browser and the server; the run folder is removed unless `keepRunDir`. */
  close(keepRunDir?: boolean): Promise<void>;
}

/** The workbench URL for a folder, with an optional payload (extensionDevelopmentPath, …). */
export function workbenchUrl(serverUrl: string, folder: string, payload: [string, string][] = []): string {
  const authority = new URL(serverUrl).host;
  const entries = payload.map(([k, v]) => [k, v.replaceAll('{server}', authority)]);
  const query = `folder=${encodeURIComponent(folder)}` + (entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '');
  return `${serverUrl}/?${query}`;
}

/** Fresh run folder, server, browser and a loaded workbench. close() ends all of it. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const executablePath = findChromium();
  const runDir = mkdtempSync(join(tmpdir(), 'relay-assistant-run-'));
  const workspace = copyWorkspace(options.workspaceSource ?? FIXTURE_WORKSPACE, runDir);
  const env = isolatedEnv(runDir, options.env);
  const version = codeServerVersion(options.version);
  writeUserSettings(runDir, options.settings);
  if (options.vsix) installVsix(runDir, options.vsix, env, version);
  for (const extension of options.extensions ?? []) {
    cpSync(extension.folder, join(runDir, 'ext', extension.installedName), { recursive: true });
  }
  const server = await startVscodeServer({
    runDir, workspace, env, version, onOutput: options.onServerOutput, workspaceTrust: options.workspaceTrust, payload: !!options.payload?.length,
  });
  let context: BrowserContext | undefined;
  try {
    context = await launchBrowser(executablePath, runDir, env);
    const page = context.pages()[0] ?? (await context.newPage());
    await options.beforeLoad?.(page);
    await page.goto(workbenchUrl(server.url, workspace, options.payload));
    const opened = context;
    const close = async (keepRunDir = false) => {
      await opened.close().catch(() => undefined);
      await server.stop();
      if (!keepRunDir) rmSync(runDir, { recursive: true, force: true });
    };
    return { runDir, workspace, server, context, page, close };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

function launchBrowser(executablePath: string, runDir: string, env: NodeJS.ProcessEnv): Promise<BrowserContext> {
  const profile = join(runDir, 'browser');
  mkdirSync(profile, { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    env: env as Record<string, string>,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}

/** The workbench is usable once the Explorer shows the folder's rows. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: SLOW_WAIT_MS });
}
