// The refactor instruction: a QuickPick with the user's recent instructions, presets, and
// whatever they type. Recent instructions live in the extension's globalState.
import * as vscode from 'vscode';
import { instructionChoices, parseRecent, withRecent } from '../../core/edit/index';

const RECENT_KEY = 'relayAssistant.edit.recentInstructions';

export async function rememberInstruction(state: vscode.Memento, instruction: string): Promise<void> {
  await state.update(RECENT_KEY, withRecent(parseRecent(state.get(RECENT_KEY)), instruction));
}

/** Asks for an instruction; undefined when the user dismisses the picker. */
export function pickInstruction(state: vscode.Memento): Promise<string | undefined> {
  const base: vscode.QuickPickItem[] = instructionChoices(parseRecent(state.get(RECENT_KEY))).map((c) => ({ label: c.label, description: c.kind }));
  const picker = vscode.window.createQuickPick();
  picker.title = 'Refactor Selection';
  picker.placeholder = 'Describe the change (e.g. "extract a function"), or pick one';
  picker.items = base;
  return new Promise((resolve) => {
    picker.onDidChangeValue((value) => {
      const typed = value.trim();
      picker.items = typed ? [{ label: typed, description: 'your instruction', alwaysShow: true }, ...base] : base;
    });
    picker.onDidAccept(() => {
      const chosen = picker.selectedItems[0]?.label ?? picker.value.trim();
      resolve(chosen || undefined);
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}
