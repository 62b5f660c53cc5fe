// Types for scripts/vscode-server.mjs (imported by the TypeScript launchers under test/).
import type { ChildProcess } from 'node:child_process';

export interface CodeServerSpec {
  /** The VS Code release inside this code-server. */
  vscode: string;
  /** The Node major its postinstall accepts. */
  node: number;
  /** npm package providing that Node when it is not the Node running the scripts. */
  nodePackage?: string;
  bundlesRipgrep?: boolean;
  /** Server arguments that make the workbench honour its URL's payload. */
  payloadArgs?: string[];
}
export const CODE_SERVERS: Record<string, CodeServerSpec>;
/** Newest first: the current VS Code, then the oldest one engines.vscode claims. */
export const CODE_SERVER_VERSIONS: string[];
export const CURRENT_CODE_SERVER: string;
export const OLDEST_CODE_SERVER: string;
/** The environment variable naming the version(s) a run uses: RELAY_TEST_CODE_SERVER. */
export const CODE_SERVER_ENV: string;
export class ProvisionError extends Error {}
export function cacheRoot(): string;
export function testedVersions(): string[];
export function codeServerVersion(version?: string): string;
export function describeVersion(version: string): string;
export function resultsFolderName(version: string): string;
export function findOnPath(name: string): string | undefined;
export function ensureVscodeServer(version?: string): { version: string; node: string; entry: string };
export function isolatedEnv(runDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
export function writeUserSettings(runDir: string, extra?: Record<string, unknown>): void;
export function installVsix(runDir: string, vsix: string, env: NodeJS.ProcessEnv, version?: string): string;
export function copyWorkspace(from: string, runDir: string): string;
export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  process: ChildProcess;
  version: string;
  stop(): Promise<void>;
}
export function startVscodeServer(options: {
  runDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  host?: string;
  port?: number;
  onOutput?: (text: string) => void;
  /** Leave Workspace Trust on (default false: --disable-workspace-trust). */
  workspaceTrust?: boolean;
  /** Default: codeServerVersion() (RELAY_TEST_CODE_SERVER, else the current VS Code). */
  version?: string;
  /** The workbench URL will carry a payload (extensionDevelopmentPath, extensionTestsPath). */
  payload?: boolean;
}): Promise<RunningServer>;
