import * as vscode from 'vscode';

/** Status bar item: current model and the running cost since the window opened. Click to choose a model. */
export class CostStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayAssistant.status', vscode.StatusBarAlignment.Right, 100);
  private totalUsd = 0;
  private unknown = 0;
  private requests = 0;

  constructor(private model: string) {
    this.item.name = 'Relay Assistant';
    this.item.command = 'relayAssistant.chooseModel';
    this.render();
    this.item.show();
  }

  setModel(model: string): void {
    this.model = model;
    this.render();
  }

  add(usd: number | null): void {
    this.requests++;
    if (usd == null) this.unknown++;
    else this.totalUsd += usd;
    this.render();
  }

  private render(): void {
    const cost = `$${this.totalUsd.toFixed(this.totalUsd < 1 ? 4 : 2)}${this.unknown ? '+' : ''}`;
    this.item.text = `$(sparkle) ${this.model} · ${cost}`;
    const tip = new vscode.MarkdownString(
      `**Relay Assistant**\n\nModel: \`${this.model}\`\n\nCost since this window opened: ${cost} over ${this.requests} request(s)` +
        (this.unknown ? `\n\n${this.unknown} request(s) had no known price (add one under \`relayAssistant.models\`).` : '') +
        '\n\nClick to choose a model.',
    );
    this.item.tooltip = tip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
