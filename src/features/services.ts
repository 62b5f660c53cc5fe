import * as vscode from 'vscode';
import { clientOptions } from '../core/config';
import { ACTION_LABELS, adviceFor, type FixAction } from '../core/errorText';
import { redactLog, secretHeaderValues } from '../core/redact';
import type { ModelInfo, RelayClient, RelayErrorInfo } from '../core/relay/types';
import { withPublished } from '../core/models/prices';
import { ApiKeyStore } from './apiKey';
import type { FeatureContext } from './context';
import { KeyPrompts } from './keyPrompts';
import { redactingChannel } from './redactingChannel';
import { guardClient } from '../core/requestGuard';
import { MaskNotices, confirmCostModal } from './requestGuard';
import { affectsRelay, readProxy, readSettings, relayInfo, userRelayOrigin } from './settings';
import { isLoopback } from '../core/setup/presets';
import { CHOOSE_RELAY_COMMAND } from './setup/command';
import { workspaceRelaySettings } from './setup/workspaceSettings';
import { CostStatus } from './statusBar';

/** globalState: the last relay's published model data (origin + priced models). */
const PUBLISHED_KEY = 'relayAssistant.publishedModels';
type Published = { origin: string; models: ModelInfo[] };

/** Builds the FeatureContext: lazy relay client, key store, status bar, error presentation. Owns them all. */
export class Services implements vscode.Disposable {
  readonly keys: ApiKeyStore;
  readonly status: CostStatus;
  /** The output channel every feature writes to: each line passes the redaction policy. */
  readonly output: vscode.LogOutputChannel;
  private readonly prompts: KeyPrompts;
  private readonly notices = new MaskNotices();
  private client: Promise<RelayClient> | undefined;
  /** Prices and context lengths the relay in use publishes (from the chat's model list; kept across reloads). */
  private published: Published;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly extension: vscode.ExtensionContext,
    output: vscode.LogOutputChannel,
  ) {
    const kept = extension.globalState.get<Published>(PUBLISHED_KEY);
    this.published = kept && typeof kept.origin === 'string' && Array.isArray(kept.models) ? kept : { origin: '', models: [] };
    this.keys = new ApiKeyStore(extension, userRelayOrigin);
    this.output = redactingChannel(output, () => this.secrets());
    this.prompts = new KeyPrompts(extension, this.keys);
    this.status = new CostStatus(readSettings().model, relayInfo());
    this.subs.push(
      this.keys,
      this.status,
      this.keys.onDidChange(() => {
        this.resetClient();
        void this.updateKeyState();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsRelay(e)) return;
        this.resetClient();
        this.status.setModel(readSettings().model);
        this.status.setRelay(relayInfo());
        void this.updateKeyState();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.resetClient();
        this.status.setModel(readSettings().model);
        this.status.setRelay(relayInfo());
        void this.updateKeyState();
      }),
    );
    void this.updateKeyState();
  }

  /** Tells the status bar whether the relay in use has a key, or is on this machine and needs none. */
  private async updateKeyState(): Promise<void> {
    const info = relayInfo();
    const key = await this.keys.get(info.origin).catch(() => undefined);
    this.status.setKey(key ? 'stored' : isLoopback(info.baseUrl) ? 'notNeeded' : 'none');
    // Restricted Mode hides the workspace's baseUrl from inspect(): its settings file says it
    if (!vscode.workspace.isTrusted && !info.ignoredWorkspaceUrl) {
      const ignored = (await workspaceRelaySettings().catch(() => undefined))?.baseUrl;
      if (ignored && ignored !== info.baseUrl) this.status.setRelay({ ...info, ignoredWorkspaceUrl: ignored });
    }
  }

  /** What never appears in a log line: the keys this window knows and secret header values. */
  private secrets(): string[] {
    return [...this.keys.known(), ...secretHeaderValues(readSettings().headers)];
  }

  context(): FeatureContext {
    return {
      extension: this.extension,
      output: this.output,
      settings: readSettings,
      relay: () => (this.client ??= this.createClient()),
      apiKey: () => this.keys.get(relayInfo().origin),
      addCost: (usd) => this.status.add(usd),
      modelOverrides: () => this.modelOverrides(),
      setPublishedModels: (models) => this.setPublished(models),
      setStatusModel: (model) => this.status.setModel(model),
      showError: (error, retry) => void this.showError(error, retry),
    };
  }

  /** The settings' per-model data with the relay's published prices added where the user set none. */
  private modelOverrides(): ReturnType<typeof withPublished> {
    const models = readSettings().models;
    return this.published.origin === relayInfo().origin ? withPublished(models, this.published.models) : { ...models };
  }

  /** Keeps the relay's published data; the client is rebuilt (in-flight requests finish on the old one) when it changed. */
  private setPublished(models: readonly ModelInfo[]): void {
    const priced = models.filter((m) => m.pricing || m.contextWindow !== undefined).map((m) => ({ id: m.id, pricing: m.pricing, contextWindow: m.contextWindow }));
    const next = { origin: relayInfo().origin, models: priced };
    if (JSON.stringify(next) === JSON.stringify(this.published)) return;
    this.published = next;
    void this.extension.globalState.update(PUBLISHED_KEY, next);
    this.resetClient();
  }

  /** SecretStorage itself, for the key test hooks only. */
  legacySecretsForTests(): vscode.SecretStorage {
    return this.extension.secrets;
  }

  /** Set API Key for the relay in use (the box names its origin). */
  async setKey(): Promise<boolean> {
    return this.keys.promptAndStore(relayInfo().origin);
  }

  private async createClient(): Promise<RelayClient> {
    // Loaded on first use so activation does not pay for the HTTP stack.
    const { createRelayClient } = await import('../core/relay/index');
    const info = relayInfo();
    const settings = readSettings();
    // The key of this relay's own origin, never another's: a workspace that points baseUrl elsewhere gets no key.
    const key = await this.keys.get(info.origin);
    if (!key) this.prompts.offer(info);
    // Learned parameter rules (per relay origin and model) persist across reloads in globalState.
    const inner = createRelayClient({ ...clientOptions({ ...settings, baseUrl: info.baseUrl, models: this.modelOverrides() }, key, readProxy()), rules: this.extension.globalState });
    return guardClient(inner, { settings: () => ({ ...readSettings(), models: this.modelOverrides() }), onMasked: (m) => this.notices.show(m), confirmCost: confirmCostModal });
  }

  private resetClient(): void {
    const old = this.client;
    this.client = undefined;
    void old?.then((c) => c.close()).catch(() => undefined);
  }

  async showError(error: unknown, retry?: () => void): Promise<void> {
    const info = toInfo(error);
    if (info.kind === 'cancelled') return;
    const message = redactLog(info.message, this.secrets());
    this.output.error(`[${info.kind}${info.status ? ` ${info.status}` : ''}] ${message}`);
    const advice = adviceFor(info);
    const actions = advice.actions.filter((a) => a !== 'trimAndRetry' && (a !== 'retry' || retry));
    const picked = await vscode.window.showErrorMessage(`Relay Assistant: ${redactLog(advice.text, this.secrets())}`, ...actions.map((a) => ACTION_LABELS[a]));
    const action = actions.find((a) => ACTION_LABELS[a] === picked);
    if (action) await this.runFix(action, retry);
  }

  async runFix(action: FixAction, retry?: () => void): Promise<void> {
    switch (action) {
      case 'setApiKey':
        if (await this.setKey()) retry?.();
        return;
      case 'chooseModel':
        return void vscode.commands.executeCommand('relayAssistant.chooseModel');
      case 'openOutput':
        return this.output.show(true);
      case 'proxySettings':
        return void vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
      case 'tlsSettings':
        return void vscode.commands.executeCommand('workbench.action.openSettings', 'relayAssistant.caFile');
      case 'chooseRelay':
        if (await vscode.commands.executeCommand<boolean>(CHOOSE_RELAY_COMMAND)) retry?.();
        return;
      case 'retry':
      case 'trimAndRetry':
        return retry?.();
    }
  }

  dispose(): void {
    this.resetClient();
    for (const s of this.subs.splice(0)) s.dispose();
  }
}

function toInfo(error: unknown): RelayErrorInfo {
  const e = error as Partial<RelayErrorInfo> | undefined;
  if (e && typeof e.kind === 'string') {
    return { kind: e.kind, status: e.status ?? null, retryable: !!e.retryable, retryAfterMs: e.retryAfterMs ?? null, message: String(e.message ?? ''), code: e.code ?? null };
  }
  return { kind: 'server', status: null, retryable: false, retryAfterMs: null, message: error instanceof Error ? error.message : String(error), code: null };
}
