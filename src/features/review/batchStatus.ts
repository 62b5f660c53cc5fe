// The status bar item of a running batch review: "Review batch: 120/300".
import * as vscode from 'vscode';
import type { BatchProgress } from '../../core/review/batch/collect';

export class BatchStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('relayAssistant.reviewBatch', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Relay Review batch';
    this.item.command = 'relayAssistant.showOutput';
  }

  /** Shown while a batch runs; the counts come from the relay's request_counts. */
  show(p: BatchProgress): void {
    const done = p.completed + p.failed;
    this.item.text = `$(cloud-upload) Review batch: ${done}/${p.total}`;
    const lines = p.batches.map((b) => `${b.id}: ${b.status.replace('_', ' ')}${b.round === 2 ? ' (retry)' : ''}`);
    this.item.tooltip = `Relay Review through the relay's batch API (half price)\n${lines.join('\n')}\n${p.failed} failed so far. Click for details; "Cancel Review Batch" cancels it.`;
    this.item.show();
  }

  /** Before the first status arrives. */
  waiting(requests: number): void {
    this.show({ total: requests, completed: 0, failed: 0, batches: [] });
  }

  hide(): void {
    this.item.hide();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
