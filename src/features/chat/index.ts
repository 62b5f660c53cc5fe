// The sidebar chat feature: the webview view, its controller, and the chat commands.
import * as vscode from 'vscode';
import type { ContextChip, HostToWebview } from '../../protocol';
import { InternalCommands, type Feature, type FeatureContext } from '../context';
import { newId } from '../../core/chat/index';
import { ChatController, type AskInput } from './controller';
import { dispatch, type ChatActions } from './dispatch';
import { ApplyLabels } from './applyLabels';
import { chipFromEditor, targetEditor } from './editor';
import { watchInstructions, workspaceInstructions } from './instructionFiles';
import { chooseModel } from './modelPicker';
import { relayView } from './relayInfo';
import { registerTestHooks } from './testHooks';
import { CHAT_VIEW_ID, ChatViewProvider, type ViewHandlers } from './view';
import { WorkspaceContext } from './workspaceContext';

const CONTEXT_KINDS = ['selection', 'file', 'problems', 'changes', 'symbol'];

function reveal(): Thenable<unknown> {
  return vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
}

/** askInChat comes from other features: keep only well-formed chips, give each an id. */
function askInput(arg: unknown): AskInput | undefined {
  const a = arg as { prompt?: unknown; display?: unknown; context?: unknown } | undefined;
  if (!a || typeof a.prompt !== 'string' || !a.prompt.trim()) return undefined;
  const chips = (Array.isArray(a.context) ? a.context : []).filter(
    (c): c is ContextChip => !!c && typeof c.text === 'string' && typeof c.path === 'string' && CONTEXT_KINDS.includes(c.kind),
  );
  return {
    prompt: a.prompt,
    display: typeof a.display === 'string' ? a.display : undefined,
    context: chips.map((c) => ({ ...c, id: newId(), language: typeof c.language === 'string' ? c.language : 'plaintext' })),
  };
}

export const chatFeature: Feature = (ctx: FeatureContext) => {
  const post = (m: HostToWebview) => provider.post(m);
  const controller = new ChatController(ctx, ctx.extension.workspaceState, post, { instructions: workspaceInstructions });
  const applyLabels = new ApplyLabels(post, targetEditor);
  const actions: ChatActions = { controller: () => controller, context: new WorkspaceContext(), post, applyLabels, chooseModel: () => chooseModel(controller) };
  const report = (e: unknown) => ctx.output.error(`chat: ${e instanceof Error ? e.message : String(e)}`);
  const refreshModels = () => void controller.refreshModels().catch(report);
  const handlers: ViewHandlers = {
    onReady: () => {
      void controller.refreshInstructions().then(() => controller.postState()).catch(report);
      postRelay();
      refreshModels();
    },
    onMessage: (m) => void dispatch(ctx, actions, m).catch(report),
    onVisible: refreshModels,
  };
  const postRelay = () => void relayView().then((relay) => post({ type: 'relay', relay })).catch(report);
  const updateWelcome = () => void controller.models.needsWelcome().then((show) => post({ type: 'welcome', show }));
  const provider = new ChatViewProvider(ctx.extension.extensionUri, ctx.output, () => handlers);

  const subs: vscode.Disposable[] = [
    provider,
    applyLabels,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    vscode.commands.registerCommand('relayAssistant.openChat', async () => {
      await reveal();
      // A view opened for the first time drops messages until it is ready: ask for the focus after that.
      await provider.whenReady();
      post({ type: 'focusInput' });
    }),
    vscode.commands.registerCommand('relayAssistant.newChat', async () => {
      await reveal();
      await controller.newChat();
    }),
    vscode.commands.registerCommand('relayAssistant.addSelectionToChat', async () => {
      const chip = chipFromEditor('selection');
      if (chip) controller.addChip(chip);
      await reveal();
    }),
    vscode.commands.registerCommand('relayAssistant.chooseModel', () => chooseModel(controller)),
    vscode.commands.registerCommand(InternalCommands.askInChat, async (arg: unknown) => {
      const input = askInput(arg);
      if (!input) return;
      await reveal();
      await controller.ask(input);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('relayAssistant')) return;
      // the relay client was rebuilt for the new settings (Services listens first): ask the new relay
      controller.models.forget();
      refreshModels();
      updateWelcome();
      postRelay();
      // a new chat takes the model the user just chose (Choose Relay → Choose Model, or the setting)
      if (e.affectsConfiguration('relayAssistant.model') && controller.conversation.messages.length === 0) void controller.selectModel(ctx.settings().model);
    }),
    // trusting the workspace brings its relay settings and instruction files in: the notice goes, the relay line changes
    vscode.workspace.onDidGrantWorkspaceTrust(postRelay),
    // The key lives in SecretStorage: setting or clearing it shows / hides the welcome and may change the relay's list.
    ctx.extension.secrets.onDidChange(() => {
      updateWelcome();
      refreshModels();
    }),
    watchInstructions(() => void controller.refreshInstructions().catch(report)),
  ];
  if (__TEST_HOOKS__) subs.push(registerTestHooks(provider));
  return new vscode.Disposable(() => {
    controller.dispose();
    for (const s of subs.splice(0)) s.dispose();
  });
};
