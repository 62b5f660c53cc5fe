// The inline completions status bar item: on / snoozed / off and the completion model. Click: a menu
// with Snooze 5 / 30 min, Disable for this language, Disable (or Enable), Change model.
import * as vscode from 'vscode';

export type CompletionState = { kind: 'on' } | { kind: 'snoozed'; until: number } | { kind: 'off'; why: string };

export const MENU_COMMAND = 'relayAssistant.completionsMenu';

export class CompletionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayAssistant.completions', vscode.StatusBarAlignment.Right, 99);

  constructor() {
    this.item.name = 'Relay Assistant Inline Completions';
    this.item.command = MENU_COMMAND;
    this.item.show();
  }

  render(state: CompletionState, model: string, extra = ''): void {
    if (state.kind === 'on') {
      this.item.text = `$(zap) ${model}`;
      this.item.tooltip = new vscode.MarkdownString(`**Inline completions: on**\n\nModel: \`${model}\`${extra}\n\nClick to snooze, disable or change the model.`);
    } else if (state.kind === 'snoozed') {
      const until = new Date(state.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      this.item.text = `$(clock) ${model}`;
      this.item.tooltip = new vscode.MarkdownString(`**Inline completions: snoozed until ${until}**\n\nModel: \`${model}\`\n\n\`Alt+\\\` still asks explicitly.`);
    } else {
      this.item.text = `$(circle-slash) ${model}`;
      this.item.tooltip = new vscode.MarkdownString(`**Inline completions: off** (${state.why})\n\nModel: \`${model}\`\n\nClick to turn them on.`);
    }
    this.item.accessibilityInformation = { label: `Inline completions ${state.kind}, model ${model}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}
