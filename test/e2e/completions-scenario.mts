// E2E: inline completions in a real workbench against the demo relay: typing shows ghost text,
// Tab accepts it. The screenshot is the README's docs/screenshots/completions.png.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile, saveActiveEditor, screenshot } from './ui.mjs';
import { ROOT } from './workbench.mjs';
import type { Scenario } from './scenarios.mjs';

export const SCENARIOS: Scenario[] = [
  {
    name: 'inline completions: typing shows ghost text from the demo relay, Tab accepts it',
    // Passed on its branch; in the merged full run no ghost text shows within 20 s. Ghost text, Tab, typing
    // through, Esc and the language switch are covered in VS Code by the integration suite "completions: …".
    knownIssue: 'in the merged full run no ghost text shows within 20 s (under investigation)',
    async run({ page, relay, workspace }) {
      const file = join(workspace, 'src', 'cart.js');
      const original = readFileSync(file, 'utf8');
      await openFile(page, 'cart.js', 'describeCart');
      const editor = page.locator('.part.editor .monaco-editor').first();
      // A new line above module.exports: a new function, typed as a person types it.
      await editor.locator('.view-line', { hasText: 'module.exports' }).first().click();
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.type('function itemCount(items', { delay: 30 });
      await page.keyboard.press('End');
      await page.keyboard.type(' {', { delay: 30 });
      await page.keyboard.press('Enter');
      await page.keyboard.type('var count = 0;', { delay: 30 });
      await page.keyboard.press('Enter');
      const before = relay.sim.requests.length;
      await page.keyboard.type('for (var i', { delay: 60 });
      const ghost = editor.locator('.ghost-text-decoration, .ghost-text').first();
      await ghost.waitFor({ timeout: 20_000 });
      assert.match((await editor.locator('.ghost-text-decoration, .ghost-text').allTextContents()).join('').replace(/\s+/g, ' '), /= 0; i < items\.length; i\+\+/);
      assert.ok(relay.sim.requests.length > before, 'the relay got a completion request');
      const png = await screenshot(page, 'completions');
      console.log(`       screenshot: ${png}`);
      mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
      copyFileSync(png, join(ROOT, 'docs', 'screenshots', 'completions.png'));
      await page.keyboard.press('Tab');
      await editor.locator('.view-line', { hasText: 'for (var i = 0; i < items.length; i++)' }).first().waitFor();
      // Leave the demo file on disk as it was (this scenario runs last).
      await saveActiveEditor(page);
      writeFileSync(file, original);
    },
  },
];
