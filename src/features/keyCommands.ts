import * as vscode from 'vscode';
import type { Services } from './services';
import { relayInfo } from './settings';

const TEST_CONNECTION = 'Test Connection';
const CHOOSE_RELAY = 'Choose Relay';

/** Set API Key (for the relay in use), Clear API Key (offers the relays that have one) and Show Output. */
export function registerKeyCommands(services: Services, output: vscode.LogOutputChannel): vscode.Disposable {
  const testMode = __TEST_HOOKS__ && services.context().extension.extensionMode === vscode.ExtensionMode.Test;
  const testHooks = testMode ? registerKeyTestHooks(services) : new vscode.Disposable(() => undefined);
  return vscode.Disposable.from(
    testHooks,
    vscode.commands.registerCommand('relayAssistant.setApiKey', async () => {
      if (await services.setKey()) {
        // not awaited: the command ends when the key is stored, whatever the user does with the message
        void vscode.window.showInformationMessage(`Relay Assistant: API key for ${relayInfo().origin} saved in Secret Storage. It is sent only to that relay.`, TEST_CONNECTION, CHOOSE_RELAY).then((picked) => {
          if (picked === TEST_CONNECTION) void vscode.commands.executeCommand('relayAssistant.testConnection');
          else if (picked === CHOOSE_RELAY) void vscode.commands.executeCommand('relayAssistant.chooseRelay');
        });
      }
    }),
    vscode.commands.registerCommand('relayAssistant.clearApiKey', () => clearKey(services)),
    vscode.commands.registerCommand('relayAssistant.showOutput', () => output.show(true)),
  );
}

async function clearKey(services: Services): Promise<void> {
  await services.keys.ready;
  const origins = services.keys.origins();
  if (!origins.length) return void vscode.window.showInformationMessage('Relay Assistant: no API key is stored.');
  const current = relayInfo().origin;
  const items = origins.map((o) => ({ label: o, description: o === current ? 'in use' : undefined }));
  const picked = origins.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Relay Assistant: Clear API Key', placeHolder: 'The relay whose key to remove' });
  if (!picked) return;
  await services.keys.clear(picked.label);
  void vscode.window.showInformationMessage(`Relay Assistant: API key for ${picked.label} removed.`);
}

/** Test-only (dropped from the production bundle): what an earlier version left in SecretStorage, and a clean slate. */
export const KEY_TEST_HOOKS_COMMAND = 'relayAssistant.internal.keyTestHooks';

export interface KeyTestHooks {
  /** Stores `key` where versions before per-relay keys kept the one key, then runs the start-up migration. */
  storeLegacyKeyAndMigrate(key: string): Promise<void>;
  /** Removes every stored key. */
  clearAll(): Promise<void>;
}

function registerKeyTestHooks(services: Services): vscode.Disposable {
  const hooks: KeyTestHooks = {
    storeLegacyKeyAndMigrate: async (key) => {
      await services.legacySecretsForTests().store('relayAssistant.apiKey', key);
      await services.keys.migrate();
    },
    clearAll: async () => {
      for (const origin of services.keys.origins()) await services.keys.clear(origin);
    },
  };
  return vscode.commands.registerCommand(KEY_TEST_HOOKS_COMMAND, () => hooks);
}
