// The status bar item's menu: Snooze 5 / 30 min, Disable for this language, Disable / Enable, Change model.
// Settings change only on the user's explicit choice, in their user settings.
import * as vscode from 'vscode';
import type { FeatureContext } from '../context';
import { SECTION } from '../settings';
import type { CompletionState } from './status';

export async function setEnabled(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('completions.enabled', on, vscode.ConfigurationTarget.Global);
}

interface MenuHooks {
  snooze(minutes: number): void;
  state(): CompletionState;
  render(): void;
  model(): string;
}

type Pick = vscode.QuickPickItem & { run: () => unknown };

export async function showMenu(ctx: FeatureContext, hooks: MenuHooks): Promise<void> {
  const state = hooks.state();
  const lang = vscode.window.activeTextEditor?.document.languageId;
  const items: Pick[] = [];
  if (state.kind === 'on') {
    items.push({ label: '$(clock) Snooze for 5 minutes', run: () => hooks.snooze(5) }, { label: '$(clock) Snooze for 30 minutes', run: () => hooks.snooze(30) });
  } else if (state.kind === 'snoozed') {
    items.push({ label: '$(play) Resume now', run: () => hooks.snooze(0) });
  }
  if (lang && state.kind !== 'off') items.push({ label: `$(circle-slash) Disable for ${lang}`, run: () => setLanguage(ctx, lang, false) });
  if (lang && state.kind === 'off' && ctx.settings()['completions.enabled']) items.push({ label: `$(check) Enable for ${lang}`, run: () => setLanguage(ctx, lang, true) });
  items.push(
    ctx.settings()['completions.enabled'] ? { label: '$(circle-slash) Disable inline completions', run: () => setEnabled(false) } : { label: '$(check) Enable inline completions', run: () => setEnabled(true) },
    { label: '$(symbol-class) Change completion model…', description: hooks.model(), run: () => changeModel(ctx) },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Relay Assistant: Inline Completions' });
  await picked?.run();
  hooks.render();
}

async function setLanguage(ctx: FeatureContext, lang: string, on: boolean): Promise<void> {
  const languages = { ...ctx.settings()['completions.languages'], [lang]: on };
  await vscode.workspace.getConfiguration(SECTION).update('completions.languages', languages, vscode.ConfigurationTarget.Global);
}

async function changeModel(ctx: FeatureContext): Promise<void> {
  const current = ctx.settings()['completions.model'];
  let ids: string[] = [];
  try {
    ids = (await (await ctx.relay()).listModels()).map((m) => m.id);
  } catch (e) {
    ctx.output.warn(`Could not list models: ${(e as Error).message}`);
  }
  const items: vscode.QuickPickItem[] = [{ label: '', description: `Same as the chat model (${ctx.settings().model})` }, ...ids.map((id) => ({ label: id }))];
  const pick = vscode.window.createQuickPick();
  pick.title = 'Inline completion model';
  pick.placeholder = 'A model id (type one the relay serves, or pick)';
  pick.items = items;
  pick.value = current;
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? pick.value));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen === undefined) return;
  await vscode.workspace.getConfiguration(SECTION).update('completions.model', chosen.trim(), vscode.ConfigurationTarget.Global);
}
