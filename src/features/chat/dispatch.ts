// What each webview message does on the host (messages arrive here already validated).
import * as vscode from 'vscode';
import type { ErrorAction, HostCommand, HostToWebview, WebviewToHost } from '../../protocol';
import type { FeatureContext } from '../context';
import type { ApplyLabels } from './applyLabels';
import type { ChatController } from './controller';
import { openLink, runCodeAction } from './editor';
import type { WorkspaceContext } from './workspaceContext';
import { chooseRelay } from './relayInfo';

export const SET_API_KEY = 'relayAssistant.setApiKey';

export interface ChatActions {
  controller(): ChatController;
  context: WorkspaceContext;
  post(m: HostToWebview): void;
  /** The Apply buttons' words for the code blocks the view shows. */
  applyLabels: ApplyLabels;
  /** QuickPick of models for the current conversation; true when one was chosen. */
  chooseModel(): Promise<boolean>;
}

async function runHostCommand(ctx: FeatureContext, a: ChatActions, command: HostCommand): Promise<void> {
  if (command === 'setApiKey') {
    await vscode.commands.executeCommand(SET_API_KEY);
    await a.controller().postState();
  } else if (command === 'chooseModel') {
    await a.chooseModel();
  } else if (command === 'manageTrust') {
    await vscode.commands.executeCommand('workbench.trust.manage');
  } else {
    ctx.output.show(true);
  }
}

/** An error box button: fix first, then ask again when the fix allows it. */
async function runErrorAction(ctx: FeatureContext, a: ChatActions, messageId: string, action: ErrorAction): Promise<void> {
  const c = a.controller();
  const last = c.conversation.messages.at(-1);
  const isLast = last?.id === messageId;
  switch (action) {
    case 'setApiKey':
      await runHostCommand(ctx, a, 'setApiKey');
      if (isLast && (await ctx.apiKey())) await c.retry();
      return;
    case 'chooseModel':
      if ((await a.chooseModel()) && isLast) await c.retry();
      return;
    case 'retry':
    case 'trimAndRetry':
      if (isLast) await c.retry(action === 'trimAndRetry');
      return;
    case 'openOutput':
      return ctx.output.show(true);
    case 'proxySettings':
      return void vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
    case 'tlsSettings':
      return void vscode.commands.executeCommand('workbench.action.openSettings', 'relayAssistant.caFile');
    case 'chooseRelay':
      if ((await chooseRelay()) && isLast) await c.retry();
      return;
  }
}

async function askTitle(current: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: 'Rename Conversation', value: current, validateInput: (v) => (v.trim() ? null : 'A title cannot be empty') });
}

async function confirmDelete(title: string): Promise<boolean> {
  const ok = await vscode.window.showWarningMessage(`Delete the conversation "${title}"?`, { modal: true }, 'Delete');
  return ok === 'Delete';
}

export async function dispatch(ctx: FeatureContext, a: ChatActions, m: Exclude<WebviewToHost, { type: 'ready' }>): Promise<void> {
  const c = a.controller();
  switch (m.type) {
    case 'send':
      return c.send(m.text);
    case 'stop':
      return c.stop();
    case 'regenerate':
      return c.retry();
    case 'editLast':
      return c.editLast(m.text);
    case 'errorAction':
      return runErrorAction(ctx, a, m.messageId, m.action);
    case 'codeAction':
      return runCodeAction(m.action, m.code, m.language);
    case 'openLink':
      return openLink(m.href);
    case 'removeChip':
      return c.removeChip(m.id);
    case 'addContext': {
      const chip = await a.context.chip(m.kind, m.pick, m.scope);
      if (typeof chip === 'string') a.post({ type: 'contextError', message: chip });
      else c.addChip(chip);
      return;
    }
    case 'contextQuery': {
      const items = await a.context.search(m.kind, m.query);
      return a.post({ type: 'contextResults', requestId: m.requestId, kind: m.kind, items });
    }
    case 'setInstructions':
      return c.setInstructionEnabled(m.path, m.enabled);
    case 'newChat':
      return c.newChat();
    case 'switchConversation':
      return c.switchTo(m.id);
    case 'renameConversation': {
      const conv = m.id === c.conversation.id ? c.conversation : c.store.get(m.id);
      const title = conv && (await askTitle(conv.title));
      if (title) await c.rename(m.id, title);
      return;
    }
    case 'deleteConversation': {
      const conv = m.id === c.conversation.id ? c.conversation : c.store.get(m.id);
      if (conv && (await confirmDelete(conv.title))) await c.remove(m.id);
      return;
    }
    case 'selectModel':
      return c.selectModel(m.model);
    case 'selectEffort':
      return c.selectEffort(m.effort);
    case 'command':
      return runHostCommand(ctx, a, m.command);
    case 'chooseRelay':
      return void chooseRelay();
    case 'codeBlocks':
      return a.applyLabels.set(m.blocks);
  }
}
