// The WebviewView: strict CSP with a nonce, the ready handshake, and validation of every
// message the (untrusted) webview posts.
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, validateWebviewMessage, type HostToWebview, type WebviewToHost } from '../../protocol';

export const CHAT_VIEW_ID = 'relayAssistant.chatView';

function nonce(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '');
}

/** The page: no inline script or handler; only our bundle (with the nonce) and stylesheet load. */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>Relay Assistant</title>
</head>
<body>
<div id="app" data-protocol="${PROTOCOL_VERSION}"></div>
<script nonce="${n}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}

export interface ViewHandlers {
  /** The webview (re)loaded and speaks our protocol: send it the full state. */
  onReady(): void;
  onMessage(m: Exclude<WebviewToHost, { type: 'ready' }>): void;
  /** The view was shown again (the relay's model list may have changed meanwhile). */
  onVisible(): void;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
    private readonly handlers: () => ViewHandlers,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    this.subs.push(
      view.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      view.onDidChangeVisibility(() => {
        if (view.visible && this.ready && this.view === view) this.handlers().onVisible();
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.ready = false;
      }),
    );
    view.webview.html = chatHtml(view.webview, this.extensionUri);
  }

  get visible(): boolean {
    return !!this.view?.visible;
  }

  /** Resolves once the current view has said `ready` (at once when it has). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends to the webview once it said `ready`; earlier messages are dropped (the state on ready covers them). */
  post(m: HostToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(m);
  }

  private receive(raw: unknown): void {
    const m = validateWebviewMessage(raw);
    if (!m) {
      this.output.warn('chat: dropped a malformed message from the webview');
      return;
    }
    if (m.type === 'ready') {
      if (m.protocolVersion !== PROTOCOL_VERSION) {
        this.output.error(`chat: webview speaks protocol ${m.protocolVersion}, the extension ${PROTOCOL_VERSION}; reload the window`);
        return;
      }
      this.ready = true;
      this.handlers().onReady();
      for (const resolve of this.readyWaiters.splice(0)) resolve();
    } else if (this.ready) {
      this.handlers().onMessage(m);
    }
  }

  private disposeView(): void {
    for (const s of this.subs.splice(0)) s.dispose();
  }

  dispose(): void {
    this.disposeView();
    this.view = undefined;
  }
}
