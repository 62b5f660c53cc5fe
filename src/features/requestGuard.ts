// What the request guard (src/core/requestGuard.ts) shows: the masked-secrets notice and the cost question.
import * as vscode from 'vscode';
import { describeMasked, type MaskedInRequest } from '../core/secrets/messages';

/** The notification: what was masked and where, once per secret and place in this window. */
export class MaskNotices {
  private readonly told = new Set<string>();

  show(masked: MaskedInRequest[]): void {
    const fresh = masked.filter((m) => !this.told.has(`${m.label}|${m.where}`));
    if (!fresh.length) return;
    for (const m of fresh) this.told.add(`${m.label}|${m.where}`);
    const n = fresh.length;
    void vscode.window.showInformationMessage(
      `Relay Assistant: masked ${n} secret${n === 1 ? '' : 's'} before sending: ${describeMasked(fresh)}. The relay got a placeholder; the answer gets the real value back on this machine.`,
    );
  }
}

export async function confirmCostModal(text: string): Promise<boolean> {
  const send = 'Send';
  return (await vscode.window.showWarningMessage(text, { modal: true }, send)) === send;
}
