// The InlineCompletionItemProvider: the gate, then the pipeline. With IntelliSense open, the item
// starts with the selected suggestion's text and uses its range.
import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core/complete/engine';
import type { RelaySettings } from '../../core/config';
import type { Gate } from './gate';
import type { SnippetSources } from './sources';

/** What the provider did (read by the integration tests through a dev-build command). */
export interface ProviderStats {
  calls: number;
  /** Calls not answered yet. */
  pending: number;
  /** Calls made while IntelliSense showed a selected item. */
  withSelected: number;
  refused: Record<string, number>;
  shown: number;
}

export class RelayInlineProvider implements vscode.InlineCompletionItemProvider {
  readonly stats: ProviderStats = { calls: 0, pending: 0, withSelected: 0, refused: {}, shown: 0 };

  constructor(
    private readonly engine: CompletionEngine,
    private readonly gate: Gate,
    private readonly sources: SnippetSources,
    private readonly settings: () => RelaySettings,
  ) {}

  async provideInlineCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    this.stats.pending++;
    try {
      return await this.provide(doc, pos, context, token);
    } finally {
      this.stats.pending--;
    }
  }

  private async provide(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const invoked = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    this.stats.calls++;
    const refusal = await this.gate.refusal(doc, pos, invoked, this.settings());
    if (refusal) this.stats.refused[refusal] = (this.stats.refused[refusal] ?? 0) + 1;
    if (refusal || token.isCancellationRequested) return undefined;
    const info = context.selectedCompletionInfo;
    if (info) this.stats.withSelected++;
    let text = doc.getText();
    let offset = doc.offsetAt(pos);
    if (info) {
      // The text as it will be once the selected suggestion is accepted.
      const start = doc.offsetAt(info.range.start);
      text = text.slice(0, start) + info.text + text.slice(doc.offsetAt(info.range.end));
      offset = start + info.text.length;
    }
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const s = await this.engine.provide({
        doc: { path: vscode.workspace.asRelativePath(doc.uri), languageId: doc.languageId, text, offset },
        sources: () => this.sources.for(doc),
        invoked,
        signal: controller.signal,
      });
      if (!s || token.isCancellationRequested) return undefined;
      this.stats.shown++;
      const item = info ? new vscode.InlineCompletionItem(info.text + s.text, info.range) : new vscode.InlineCompletionItem(s.text, new vscode.Range(pos, pos));
      return [item];
    } finally {
      sub.dispose();
    }
  }
}
