// Types for scripts/vscode-server.mjs (imported by the TypeScript launchers under test/).
import type { ChildProcess } from 'node:child_process';

export const CODE_SERVER_VERSION: string;
export class ProvisionError extends Error {}
export function cacheRoot(): string;
export function findOnPath(name: string): string | undefined;
export function ensureVscodeServer(): string;
export function isolatedEnv(runDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
export function writeUserSettings(runDir: string, extra?: Record<string, unknown>): void;
export function installVsix(runDir: string, vsix: string, env: NodeJS.ProcessEnv): string;
export function copyWorkspace(from: string, runDir: string): string;
export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  process: ChildProcess;
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
}): Promise<RunningServer>;
