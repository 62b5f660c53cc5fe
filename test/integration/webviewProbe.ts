// A stand-in for the chat's webview, attached through the provider's real resolve path (the
// test-only hook exists in test builds only). What the test posts goes through the host's
// validation and dispatch exactly like a click in the real view; `received` holds only what
// the host actually delivered to the view, i.e. after `ready`.
import * as vscode from 'vscode';
import { CHAT_TEST_HOOKS_COMMAND, type ChatTestHooks } from '../../src/features/chat/testHooks';
import { PROTOCOL_VERSION, type HostToWebview } from '../../src/protocol';
import { useSimulatedRelay, type SimulatedRelay } from './relay';

type Of<T extends HostToWebview['type']> = Extract<HostToWebview, { type: T }>;

/**
 * The chat's test hooks. The extension is activated first: a command of an extension not yet
 * active runs through the workbench, which returns a serialized copy (without its functions).
 */
export async function chatTestHooks(): Promise<ChatTestHooks> {
  await vscode.extensions.getExtension('relay-assistant.relay-assistant')?.activate();
  const hooks = await vscode.commands.executeCommand<ChatTestHooks>(CHAT_TEST_HOOKS_COMMAND);
  if (typeof hooks?.attach !== 'function') throw new Error('the chat test hooks are missing: is this a test build?');
  return hooks;
}

export class WebviewProbe {
  readonly received: HostToWebview[] = [];
  private readonly fromView = new vscode.EventEmitter<unknown>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private readonly visibility = new vscode.EventEmitter<void>();
  private waiters: { match: (m: HostToWebview) => boolean; resolve: (m: HostToWebview) => void }[] = [];
  readonly view: vscode.WebviewView;

  constructor() {
    const webview = {
      options: {},
      html: '',
      cspSource: 'vscode-webview://probe',
      asWebviewUri: (uri: vscode.Uri) => uri,
      onDidReceiveMessage: this.fromView.event,
      postMessage: async (m: HostToWebview) => {
        this.received.push(JSON.parse(JSON.stringify(m)) as HostToWebview);
        for (const w of [...this.waiters]) {
          if (!w.match(m)) continue;
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
        return true;
      },
    };
    this.view = {
      viewType: 'relayAssistant.chatView',
      webview,
      visible: true,
      title: 'Chat',
      description: undefined,
      badge: undefined,
      onDidDispose: this.disposed.event,
      onDidChangeVisibility: this.visibility.event,
      show: () => undefined,
    } as unknown as vscode.WebviewView;
  }

  static async attach(): Promise<WebviewProbe> {
    const hooks = await chatTestHooks();
    const probe = new WebviewProbe();
    hooks.attach(probe.view);
    return probe;
  }

  /** Posts `raw` as the view would (untyped: the host validates it). */
  send(raw: unknown): void {
    this.fromView.fire(raw);
  }

  /** Says `ready` and resolves with the state the host answers with. */
  async ready(): Promise<Of<'state'>> {
    const state = this.next('state');
    this.send({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
    return state;
  }

  /** The next message received from now on of this type that matches. */
  next<T extends HostToWebview['type']>(type: T, match: (m: Of<T>) => boolean = () => true): Promise<Of<T>> {
    return new Promise((resolve) => this.waiters.push({ match: (m) => m.type === type && match(m as Of<T>), resolve: resolve as (m: HostToWebview) => void }));
  }

  of<T extends HostToWebview['type']>(type: T): Of<T>[] {
    return this.received.filter((m) => m.type === type) as Of<T>[];
  }

  clear(): void {
    this.received.splice(0);
  }

  dispose(): void {
    this.disposed.fire();
  }
}

/** Set once the real chat view was resolved in this extension host: VS Code never resolves it twice. On
 * globalThis because each suite file is bundled with its own copy of this module. */
const shared = globalThis as { relayChatViewResolved?: boolean };

/** Opens the real chat view (resolved once per extension host) and waits until it said ready. */
export async function openRealChatView(): Promise<void> {
  const hooks = await chatTestHooks();
  if (shared.relayChatViewResolved) return;
  await vscode.commands.executeCommand('relayAssistant.chatView.focus');
  await hooks.whenReady();
  shared.relayChatViewResolved = true;
}

/** For a suite's before(): the relay simulator, the real chat view resolved once, then the stand-in attached. */
export async function openChatView(): Promise<{ relay: SimulatedRelay; view: WebviewProbe }> {
  const relay = await useSimulatedRelay();
  // The real view first (so later reveals do not re-resolve it), then the stand-in replaces it. A later
  // suite finds the view resolved already (a stand-in took its place): it only attaches its own stand-in.
  await openRealChatView();
  return { relay, view: await WebviewProbe.attach() };
}

/** For a beforeEach(): a new, empty conversation, and nothing received yet. */
export async function freshConversation(view: WebviewProbe): Promise<void> {
  view.clear();
  await view.ready();
  view.send({ type: 'newChat' });
  await view.next('state');
  view.clear();
}
