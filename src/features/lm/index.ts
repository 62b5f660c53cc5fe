// Feature: the relay's models registered with VS Code's language model API (VS Code 1.104+),
// and "Manage Language Models" (the provider's management command: key, relay, model settings).
import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { relayInfo } from '../settings';
import { lmRuntime } from './api';
import { RelayModelProvider } from './provider';

export const LM_VENDOR = 'relay-assistant';
export const MANAGE_COMMAND = 'relayAssistant.manageLanguageModels';

/** Settings whose change changes the model list (or where requests go). */
const LIST_SETTINGS = ['relayAssistant.baseUrl', 'relayAssistant.model', 'relayAssistant.models', 'relayAssistant.fallbackModels'];

export function lmFeature(ctx: FeatureContext): vscode.Disposable {
  const manage = vscode.commands.registerCommand(MANAGE_COMMAND, () => manageModels());
  const rt = lmRuntime();
  if (!rt) {
    ctx.output.info('lm: this VS Code has no language model provider API (1.104 or later): relay models are not offered to its chat and agents.');
    return manage;
  }
  const provider = new RelayModelProvider(ctx, rt);
  return vscode.Disposable.from(
    manage,
    provider,
    rt.registerLanguageModelChatProvider(LM_VENDOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => LIST_SETTINGS.some((k) => e.affectsConfiguration(k)) && provider.refresh()),
    ctx.extension.secrets.onDidChange((e) => e.key.startsWith('relayAssistant.apiKey') && provider.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => provider.refresh()),
  );
}

async function manageModels(): Promise<void> {
  const { origin } = relayInfo();
  const items: (vscode.QuickPickItem & { command: string; arg?: string })[] = [
    { label: '$(key) Set API Key', description: origin, command: 'relayAssistant.setApiKey' },
    { label: '$(server) Choose Relay', description: 'relayAssistant.baseUrl', command: 'workbench.action.openSettings', arg: 'relayAssistant.baseUrl' },
    { label: '$(list-unordered) Model Settings', description: 'prices, context windows, tool calling, vision', command: 'workbench.action.openSettings', arg: 'relayAssistant.models' },
    { label: '$(settings-gear) All Relay Assistant Settings', command: 'workbench.action.openSettings', arg: '@ext:relay-assistant.relay-assistant' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Relay Assistant: Manage Language Models', placeHolder: `Models come from the relay at ${origin}` });
  if (!picked) return;
  await vscode.commands.executeCommand(picked.command, ...(picked.arg ? [picked.arg] : []));
}
