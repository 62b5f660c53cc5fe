// "Relay Assistant: Choose Model": configured models at once, the relay's list when it arrives;
// a typed id that is not listed is accepted as well.
import * as vscode from 'vscode';
import type { ChatController } from './controller';

export async function chooseModel(controller: ChatController): Promise<boolean> {
  const current = controller.conversation.model;
  const pick = vscode.window.createQuickPick();
  const fill = () => {
    pick.items = controller.models.merged(current).map((id) => ({ label: id, description: id === current ? 'current' : undefined }));
  };
  pick.title = 'Choose Model';
  pick.placeholder = 'Model for this conversation (type an id to use one that is not listed)';
  fill();
  pick.busy = true;
  // the chat view gets the fresh list too
  void controller.refreshModels().then(() => {
    pick.busy = false;
    fill();
  });
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return false;
  await controller.selectModel(chosen);
  await chooseEffort(controller, chosen);
  return true;
}

/** For a reasoning model, a second step: how hard it thinks (Escape keeps the current choice). */
async function chooseEffort(controller: ChatController, model: string): Promise<void> {
  const effort = controller.effortView();
  if (!effort) return;
  const fallback = effort.settingsDefault ? `the setting: ${effort.settingsDefault}` : "the relay's default";
  const items = [{ label: 'Default', description: fallback, level: null }, ...effort.levels.map((l) => ({ label: l, description: '', level: l }))].map((i) => ({
    ...i,
    description: [i.description, i.level === effort.selected ? 'current' : ''].filter(Boolean).join(' · '),
  }));
  const picked = await vscode.window.showQuickPick(items, { title: `Reasoning effort for ${model}`, placeHolder: 'More effort thinks longer and costs more (reasoning tokens are billed as output)' });
  if (picked) await controller.selectEffort(picked.level);
}
