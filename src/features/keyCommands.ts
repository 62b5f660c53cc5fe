import * as vscode from 'vscode';
import type { Services } from './services';

/** Set API Key, Clear API Key and Show Output. */
export function registerKeyCommands(services: Services, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('relayAssistant.setApiKey', async () => {
      if (await services.keys.promptAndStore()) {
        void vscode.window.showInformationMessage('Relay Assistant: API key saved in Secret Storage.');
      }
    }),
    vscode.commands.registerCommand('relayAssistant.clearApiKey', async () => {
      await services.keys.clear();
      void vscode.window.showInformationMessage('Relay Assistant: API key removed.');
    }),
    vscode.commands.registerCommand('relayAssistant.showOutput', () => output.show(true)),
  );
}
