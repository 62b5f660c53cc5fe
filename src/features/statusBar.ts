import * as vscode from 'vscode';
import type { RelayInfo } from './settings';
import { formatUsd } from '../core/models/format';

const SOURCE_WORDS: Record<RelayInfo['source'], string> = {
  user: 'from your user settings',
  workspace: 'from this workspace\'s settings',
  default: 'the default',
};

/** Status bar item: current model and the running cost since the window opened; the tooltip names the relay. Click to choose a model. */
export class CostStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayAssistant.status', vscode.StatusBarAlignment.Right, 100);
  private totalUsd = 0;
  private unknown = 0;
  private requests = 0;

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

  add(usd: number | null): void {
    this.requests++;
    if (usd == null) this.unknown++;
    else this.totalUsd += usd;
    this.render();
  }

  /** The tooltip's text (Markdown). */
  tooltipText(): string {
    const cost = this.costText();
    const ignored = this.relay.ignoredWorkspaceUrl
      ? `\n\nRestricted Mode: this workspace's \`baseUrl\` (\`${this.relay.ignoredWorkspaceUrl}\`) is ignored until you trust the workspace.`
      : '';
    return (
      `**Relay Assistant**\n\nRelay: \`${this.relay.baseUrl}\` (${SOURCE_WORDS[this.relay.source]}); its API key is sent only to ${this.relay.origin}.${ignored}` +
      `\n\nModel: \`${this.model}\`\n\nCost since this window opened: ${cost} over ${this.requests} request(s)` +
      (this.unknown ? `\n\n${this.unknown} request(s) had no known price (add one under \`relayAssistant.models\`).` : '') +
      '\n\nClick to choose a model.'
    );
  }

  private costText(): string {
    return `${formatUsd(this.totalUsd)}${this.unknown ? '+' : ''}`;
  }

  private render(): void {
    this.item.text = `$(sparkle) ${this.model} · ${this.costText()}`;
    this.item.tooltip = new vscode.MarkdownString(this.tooltipText());
  }

  dispose(): void {
    this.item.dispose();
  }
}
