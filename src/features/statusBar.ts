import * as vscode from 'vscode';
import { statusLabel, statusTooltip, type KeyState, type StatusFacts } from '../core/setup/status';
import type { RelayInfo } from './settings';
import { formatUsd } from '../core/models/format';

/** Commands the tooltip's links may run. */
const TOOLTIP_COMMANDS = ['relayAssistant.chooseModel', 'relayAssistant.chooseRelay', 'relayAssistant.setApiKey'];

/** Status bar item: current model and the running cost since the window opened; the tooltip names the relay. Click to choose a model. */
export class CostStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayAssistant.status', vscode.StatusBarAlignment.Right, 100);
  private totalUsd = 0;
  private unknown = 0;
  private requests = 0;
  private key: KeyState = 'none';

  constructor(private model: string, private relay: RelayInfo) {
    this.item.name = 'Relay Assistant';
    this.item.command = 'relayAssistant.chooseModel';
    this.render();
    this.item.show();
  }

  setModel(model: string): void {
    this.model = model;
    this.render();
  }

  setRelay(relay: RelayInfo): void {
    this.relay = relay;
    this.render();
  }

  /** Whether the relay in use has a key (or needs none): the tooltip says where a key goes only when there is one. */
  setKey(key: KeyState): void {
    this.key = key;
    this.render();
  }

  add(usd: number | null): void {
    this.requests++;
    if (usd == null) this.unknown++;
    else this.totalUsd += usd;
    this.render();
  }

  private facts(): StatusFacts {
    const r = this.relay;
    return { model: this.model, cost: this.costText(), requests: this.requests, unknownPrices: this.unknown, baseUrl: r.baseUrl, origin: r.origin, source: r.source, ignoredWorkspaceUrl: r.ignoredWorkspaceUrl, key: this.key };
  }

  /** The tooltip's text (Markdown). */
  tooltipText(): string {
    return statusTooltip(this.facts());
  }

  private costText(): string {
    return `${formatUsd(this.totalUsd)}${this.unknown ? '+' : ''}`;
  }

  private render(): void {
    this.item.text = `$(sparkle) ${this.model} · ${this.costText()}`;
    const tooltip = new vscode.MarkdownString(this.tooltipText());
    tooltip.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: statusLabel(this.facts()), role: 'button' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
