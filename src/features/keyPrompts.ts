// When requests go to a relay that has no key while another relay has one, say so once and
// offer to set that relay's key (instead of ever reusing the other relay's key).
import * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKey';
import type { RelayInfo } from './settings';

/** Origins the user said need no key (local servers), remembered across windows. */
const KEYLESS_STATE = 'relayAssistant.keylessOrigins';

export const SET_KEY = 'Set API Key';
export const NO_KEY = 'No Key Needed';

export class KeyPrompts {
  private readonly asked = new Set<string>();

  constructor(private readonly ctx: vscode.ExtensionContext, private readonly keys: ApiKeyStore) {}

  /** Offers Set API Key for `relay` once per window, when another relay has a key and this one has none. */
  offer(relay: RelayInfo): void {
    const others = this.keys.origins().filter((o) => o !== relay.origin);
    if (!others.length || this.asked.has(relay.origin) || this.keyless().includes(relay.origin)) return;
    this.asked.add(relay.origin);
    const from = relay.source === 'workspace' ? 'set in this workspace\'s settings' : relay.source === 'user' ? 'set in your user settings' : 'the default';
    const text =
      `Relay Assistant: requests go to ${relay.origin} (${from}), which has no API key. ` +
      `Your key for ${others.join(', ')} is not sent there. Set a key for ${relay.origin}?`;
    void vscode.window.showWarningMessage(text, SET_KEY, NO_KEY).then(async (picked) => {
      if (picked === SET_KEY) await this.keys.promptAndStore(relay.origin);
      else if (picked === NO_KEY) await this.ctx.globalState.update(KEYLESS_STATE, [...this.keyless(), relay.origin]);
    });
  }

  private keyless(): string[] {
    return this.ctx.globalState.get<string[]>(KEYLESS_STATE, []);
  }
}
