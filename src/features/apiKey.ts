import * as vscode from 'vscode';
import { originOf } from '../core/config';

/** Where keys were kept before they belonged to a relay: one key for every baseUrl. */
const LEGACY_ID = 'relayAssistant.apiKey';
/** One SecretStorage entry per relay origin: `relayAssistant.apiKey@https://api.example.com`. */
const KEY_PREFIX = 'relayAssistant.apiKey@';
/** The origins that have a key (globalState, not synced; SecretStorage cannot list its entries). */
const ORIGINS_STATE = 'relayAssistant.apiKeyOrigins';

/**
 * API keys live only in SecretStorage, one per relay origin (scheme + host + port of baseUrl), and
 * a key is handed out only for its own origin. In development runs (npm start) RELAY_API_KEY may
 * supply the key of the RELAY_BASE_URL (or user-level) relay.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;
  /** Keys read or stored in this window: the redaction policy masks them in every log line. */
  private readonly seen = new Set<string>();
  /** Resolves once a key stored before keys were per relay has been bound to its origin. */
  readonly ready: Promise<void>;

  constructor(private readonly ctx: vscode.ExtensionContext, private readonly userOrigin: () => string) {
    this.sub = ctx.secrets.onDidChange((e) => (e.key === LEGACY_ID || e.key.startsWith(KEY_PREFIX)) && this.changed.fire());
    this.ready = this.migrate().catch(() => undefined);
  }

  /** The single key of earlier versions belongs to the relay the user had configured (user settings, or the default). */
  async migrate(): Promise<void> {
    const legacy = await this.ctx.secrets.get(LEGACY_ID);
    if (!legacy) return;
    const origin = this.userOrigin();
    if (!(await this.ctx.secrets.get(KEY_PREFIX + origin))) await this.write(origin, legacy);
    await this.ctx.secrets.delete(LEGACY_ID);
  }

  /** The key stored for `origin`, or undefined. Never another origin's key. */
  async get(origin: string): Promise<string | undefined> {
    await this.ready;
    const stored = (await this.ctx.secrets.get(KEY_PREFIX + origin)) ?? this.devKey(origin);
    if (stored) this.seen.add(stored);
    return stored || undefined;
  }

  private devKey(origin: string): string | undefined {
    if (this.ctx.extensionMode === vscode.ExtensionMode.Production) return undefined;
    const key = process.env.RELAY_API_KEY;
    const owner = process.env.RELAY_BASE_URL ? originOf(process.env.RELAY_BASE_URL) : this.userOrigin();
    return key && owner === origin ? key : undefined;
  }

  /** Origins that have a stored key. */
  origins(): string[] {
    return this.ctx.globalState.get<string[]>(ORIGINS_STATE, []);
  }

  /** Every key this window has read or stored (for redaction). */
  known(): string[] {
    return [...this.seen];
  }

  /** Asks for the key of `origin` (named in the box; `hint` says where to get one) and stores it for that origin only. */
  async promptAndStore(origin: string, hint?: string): Promise<boolean> {
    const key = await vscode.window.showInputBox({
      title: `Relay Assistant: Set API Key for ${origin}`,
      prompt: `${hint ? `Paste ${hint}. ` : ''}The API key of the relay at ${origin}. It is sent only to ${origin} and kept in VS Code Secret Storage, never in settings.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/\s/.test(v.trim()) ? 'The key must not contain spaces.' : undefined),
    });
    if (key === undefined || !key.trim()) return false;
    await this.write(origin, key.trim());
    return true;
  }

  private async write(origin: string, key: string): Promise<void> {
    this.seen.add(key);
    await this.ctx.secrets.store(KEY_PREFIX + origin, key);
    const origins = this.origins();
    if (!origins.includes(origin)) await this.ctx.globalState.update(ORIGINS_STATE, [...origins, origin].sort());
  }

  async clear(origin: string): Promise<void> {
    await this.ctx.secrets.delete(KEY_PREFIX + origin);
    await this.ctx.globalState.update(ORIGINS_STATE, this.origins().filter((o) => o !== origin));
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
