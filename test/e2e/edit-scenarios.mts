// E2E scenarios of the edit feature that need a whole workbench: a window reload ends the
// extension host (and any mocha suite running in it), so "reload while a review is pending"
// is driven from the browser. Registered in run.mts (ALL_SCENARIOS).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeLens, openFile, runCommand, saveActiveEditor, selectLines } from './ui.mjs';
import { SLOW_WAIT_MS } from './workbench.mjs';
import { refactorJavaScript } from '../support/demo';
import type { Scenario } from './scenarios.mjs';

/** Resolves once the file on disk holds `text` (auto-save or Ctrl+S may still be writing it); fails after `ms`. */
async function diskBecomes(file: string, text: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (readFileSync(file, 'utf8') !== text) {
    if (Date.now() > deadline) assert.fail(`${file} on disk did not become the expected text:\n${readFileSync(file, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'reload the window while a refactor is under review: the file stays whole and the review comes back',
    async run({ page, workspace, shot }) {
      const file = join(workspace, 'src', 'cart.js');
      const original = readFileSync(file, 'utf8');
      const lines = original.split('\n');
      const from = lines.findIndex((l) => l.startsWith('function withTax'));
      assert.ok(from >= 0, 'src/cart.js has withTax');
      const to = from + lines.slice(from).findIndex((l) => l === '}');
      // What the file holds while the review is pending: the demo relay's rewrite of exactly those lines.
      const proposal = [...lines.slice(0, from), refactorJavaScript(lines.slice(from, to + 1).join('\n')), ...lines.slice(to + 1)].join('\n');
      assert.notEqual(proposal, original, 'the demo relay changes withTax');
      const assertWhole = (when: string) => {
        let disk = readFileSync(file, 'utf8');
        // Empty: VS Code's save caught between truncating the file and writing it; read again.
        while (disk === '') disk = readFileSync(file, 'utf8');
        assert.ok(disk === original || disk === proposal, `${when}: src/cart.js on disk is neither the original nor the whole proposal:\n${disk}`);
      };

      await openFile(page, 'cart.js', 'withTax');
      await selectLines(page, from + 1, to + 1);
      await runCommand(page, 'Relay Assistant: Refactor Selection...');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('Use strict equality');
      await page.keyboard.press('Enter');
      await codeLens(page, 'Accept All').waitFor({ timeout: 30_000 });
      await shot('edit-reload-pending');
      assertWhole('while the review is pending');
      // Saving during the review writes the whole proposal (a browser reload can drop unsaved
      // text VS Code had no time to back up; then the file simply keeps the original).
      await saveActiveEditor(page);
      await diskBecomes(file, proposal);

      await runCommand(page, 'Developer: Reload Window');
      // The workbench is back when the restored editor shows the file again (the sidebar may show any view).
      const restored = page.locator('.part.editor .monaco-editor .view-lines', { hasText: 'withTax' }).first();
      await restored.waitFor({ timeout: SLOW_WAIT_MS });
      // The restored review shows its lenses again. Right after a reload VS Code may first paint them
      // from its own lens cache (text only, not yet links), so look for the text, then decide through
      // the command, which exists only while a review is pending in the active editor.
      await restored.click();
      await page.locator('.part.editor .codelens-decoration', { hasText: 'Reject All' }).first().waitFor({ timeout: SLOW_WAIT_MS });
      await shot('edit-reload-restored');
      assertWhole('after the reload');

      await runCommand(page, 'Relay Assistant: Reject All Changes');
      await saveActiveEditor(page);
      await diskBecomes(file, original);
      await shot('edit-reload-rejected');
    },
  },
];
