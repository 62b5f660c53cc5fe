// Test-only access to the chat view (registered only when esbuild's __TEST_HOOKS__ is true, so
// the production bundle has none of it). The integration suite attaches a stand-in webview
// through the provider's real resolve path: what it posts is validated and dispatched like a
// click, and it records only what the host actually delivered after `ready`.
import * as vscode from 'vscode';
import type { ChatViewProvider } from './view';

export const CHAT_TEST_HOOKS_COMMAND = 'relayAssistant.internal.chatTestHooks';

export interface ChatTestHooks {
  /** Resolves the chat view with `view` (what VS Code does when the view opens). */
  attach(view: vscode.WebviewView): void;
  /** Resolves once the current view has said `ready` with our protocol version. */
  whenReady(): Promise<void>;
}

export function registerTestHooks(provider: ChatViewProvider): vscode.Disposable {
  const hooks: ChatTestHooks = {
    attach: (view) => provider.resolveWebviewView(view),
    whenReady: () => provider.whenReady(),
  };
  return vscode.commands.registerCommand(CHAT_TEST_HOOKS_COMMAND, () => hooks);
}
