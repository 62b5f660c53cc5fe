import * as vscode from 'vscode';

const SECRET_ID = 'relayAssistant.apiKey';

/** The API key lives only in SecretStorage. In development runs (npm start) RELAY_API_KEY may supply it. */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly ctx: vscode.ExtensionContext) {
    this.sub = ctx.secrets.onDidChange((e) => e.key === SECRET_ID && this.changed.fire());
  }

  async get(): Promise<string | undefined> {
    const stored = await this.ctx.secrets.get(SECRET_ID);
    if (stored) return stored;
    const dev = this.ctx.extensionMode !== vscode.ExtensionMode.Production ? process.env.RELAY_API_KEY : undefined;
    return dev || undefined;
  }

  async promptAndStore(): Promise<boolean> {
    const key = await vscode.window.showInputBox({
      title: 'Relay Assistant: Set API Key',
      prompt: 'Paste the API key of your relay. It is kept in VS Code Secret Storage, never in settings.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/\s/.test(v.trim()) ? 'The key must not contain spaces.' : undefined),
    });
    if (key === undefined || !key.trim()) return false;
    await this.ctx.secrets.store(SECRET_ID, key.trim());
    return true;
  }

  async clear(): Promise<void> {
    await this.ctx.secrets.delete(SECRET_ID);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
