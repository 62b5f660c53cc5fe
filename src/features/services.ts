import * as vscode from 'vscode';
import { clientOptions } from '../core/config';
import { ACTION_LABELS, adviceFor, type FixAction } from '../core/errorText';
import type { RelayClient, RelayErrorInfo } from '../core/relay/types';
import { ApiKeyStore } from './apiKey';
import type { FeatureContext } from './context';
import { affectsRelay, readProxy, readSettings } from './settings';
import { CostStatus } from './statusBar';

/** Builds the FeatureContext: lazy relay client, key store, status bar, error presentation. Owns them all. */
export class Services implements vscode.Disposable {
  readonly keys: ApiKeyStore;
  readonly status: CostStatus;
  private client: Promise<RelayClient> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.keys = new ApiKeyStore(extension);
    this.status = new CostStatus(readSettings().model);
    this.subs.push(
      this.keys,
      this.status,
      this.keys.onDidChange(() => this.resetClient()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsRelay(e)) return;
        this.resetClient();
        this.status.setModel(readSettings().model);
      }),
    );
  }

  context(): FeatureContext {
    return {
      extension: this.extension,
      output: this.output,
      settings: readSettings,
      relay: () => (this.client ??= this.createClient()),
      apiKey: () => this.keys.get(),
      addCost: (usd) => this.status.add(usd),
      setStatusModel: (model) => this.status.setModel(model),
      showError: (error, retry) => void this.showError(error, retry),
    };
  }

  private async createClient(): Promise<RelayClient> {
    // Loaded on first use so activation does not pay for the HTTP stack.
    const { createRelayClient } = await import('../core/relay/index');
    return createRelayClient(clientOptions(readSettings(), await this.keys.get(), readProxy()));
  }

  private resetClient(): void {
    const old = this.client;
    this.client = undefined;
    void old?.then((c) => c.close()).catch(() => undefined);
  }

  async showError(error: unknown, retry?: () => void): Promise<void> {
    const info = toInfo(error);
    if (info.kind === 'cancelled') return;
    this.output.error(`[${info.kind}${info.status ? ` ${info.status}` : ''}] ${info.message}`);
    const advice = adviceFor(info);
    const actions = advice.actions.filter((a) => a !== 'trimAndRetry' && (a !== 'retry' || retry));
    const picked = await vscode.window.showErrorMessage(`Relay Assistant: ${advice.text}`, ...actions.map((a) => ACTION_LABELS[a]));
    const action = actions.find((a) => ACTION_LABELS[a] === picked);
    if (action) await this.runFix(action, retry);
  }

  async runFix(action: FixAction, retry?: () => void): Promise<void> {
    switch (action) {
      case 'setApiKey':
        if (await this.keys.promptAndStore()) retry?.();
        return;
      case 'chooseModel':
        return void vscode.commands.executeCommand('relayAssistant.chooseModel');
      case 'openOutput':
        return this.output.show(true);
      case 'proxySettings':
        return void vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
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
