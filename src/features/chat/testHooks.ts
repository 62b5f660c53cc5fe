// Test-only access to the chat host (registered in ExtensionMode.Test only): the integration
// suite drives the controller and reads what would reach the webview.
import * as vscode from 'vscode';
import type { HostToWebview } from '../../protocol';
import type { ChatController } from './controller';

export const CHAT_TEST_HOOKS_COMMAND = 'relayAssistant.internal.chatTestHooks';

export interface ChatTestHooks {
  controller(): ChatController;
  /** Every message posted towards the webview since the last `clearEvents`. */
  readonly events: HostToWebview[];
  clearEvents(): void;
  /** Resolves with the first message posted from now on that matches. */
  waitFor(match: (m: HostToWebview) => boolean): Promise<HostToWebview>;
  /** Disposes the controller and builds a new one from workspaceState (what a window reload does). */
  recreate(): Promise<ChatController>;
}

/** Records posts and serves `waitFor` (used by the feature in ExtensionMode.Test only). */
export class PostRecorder {
  readonly events: HostToWebview[] = [];
  private waiters: { match: (m: HostToWebview) => boolean; resolve: (m: HostToWebview) => void }[] = [];

  record(m: HostToWebview): void {
    this.events.push(m);
    const due = this.waiters.filter((w) => w.match(m));
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve(m);
  }

  waitFor(match: (m: HostToWebview) => boolean): Promise<HostToWebview> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

export function registerTestHooks(hooks: ChatTestHooks): vscode.Disposable {
  return vscode.commands.registerCommand(CHAT_TEST_HOOKS_COMMAND, () => hooks);
}
