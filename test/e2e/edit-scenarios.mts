// E2E scenarios of the edit feature that need a whole workbench: a window reload ends the
// extension host (and any mocha suite running in it), so "reload while a review is pending"
// is driven from the browser. Registered in run.mts (ALL_SCENARIOS).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { codeLens, lastAnswer, openChat, openFile, runCommand, saveActiveEditor, selectLines, sendChat, waitForState } from './ui.mjs';
import { streamScenario, streamSteps } from '../support/sse';
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
  {
    name: 'apply & review: a 600-line refactor shows "Generating… N lines", Show Proposal and Cancel while it streams; Esc says it was cancelled and what it cost',
    async run({ page, workspace, relay, shot }) {
      const file = join(workspace, 'src', 'big.js');
      const original = Array.from({ length: 600 }, (_, i) => `var value${i} = compute(${i}); // line ${i + 1}`).join('\n') + '\n';
      writeFileSync(file, original);
      // One streamed line every 15 ms, one lens refresh asked for per line; the answer then stalls (still
      // streaming) until Esc cancels it.
      const rewritten = original.split('\n').slice(0, -1).map((l) => l.replace(/^var /, 'const ') + '\n');
      relay.answerNextCompletion({ steps: [...streamSteps(['```js\n', ...rewritten], { delayMs: 15, finish: null, done: false }), { stall: true }] });

      await openFile(page, 'big.js', 'value0');
      await editorLines(page).click();
      await page.keyboard.press('Control+A');
      await runCommand(page, 'Relay Assistant: Refactor Selection...');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('Use const');
      await page.keyboard.press('Enter');
      // The picker gives the focus back to the editor (VS Code asks for lenses only while it has it).
      await page.waitForFunction(() => !!document.activeElement?.closest('.part.editor .monaco-editor'));

      // While the answer streams the lenses are painted and their count grows.
      const generating = page.locator('.part.editor .codelens-decoration', { hasText: /Generating… \d+ lines?/ }).first();
      await generating.waitFor({ timeout: 15_000 });
      const first = linesIn(await generating.innerText());
      // Painted again and again while it streams, not just once: wait for a count well past the first one.
      await page.waitForFunction(
        (n) => [...document.querySelectorAll('.part.editor .codelens-decoration')].some((d) => Number(/Generating… (\d+)/.exec(d.textContent ?? '')?.[1] ?? -1) >= n),
        first + 100,
        { timeout: 30_000 },
      );
      await codeLens(page, 'Show Proposal').waitFor();
      await codeLens(page, 'Cancel (Esc)').waitFor();
      await shot('edit-refactor-600-streaming');

      await editorLines(page).click();
      await page.keyboard.press('Escape');
      await page.locator('.part.statusbar', { hasText: 'Refactor cancelled after' }).waitFor({ timeout: 10_000 });
      await page.locator('.part.editor .codelens-decoration', { hasText: 'Generating…' }).waitFor({ state: 'detached' });
      await shot('edit-refactor-cancelled-status');
      assert.equal(readFileSync(file, 'utf8'), original, 'a cancelled refactor never touches the file');
    },
  },
  {
    name: 'apply & review: the "answer is still coming" notice goes away after Stop and after an answer ends',
    async run({ page, relay, shot }) {
      const chat = await openChat(page);
      const notice = chat.locator('#context-notice');
      const slow = (n: number) => streamScenario(Array.from({ length: n }, (_, i) => `Part ${i + 1} of a long answer. `), { delayMs: 150 });

      relay.answerNextCompletion(slow(60));
      const answer = await sendChat(chat, 'Explain closures at length');
      await waitForState(chat, answer, 'streaming');
      await chat.locator('#prompt').fill('And what about generators?');
      await chat.locator('#prompt').press('Enter');
      await notice.filter({ hasText: 'An answer is still coming' }).waitFor();
      await shot('chat-notice-while-streaming');
      await chat.locator('#stop').click();
      await waitForState(chat, answer, 'stopped');
      await notice.waitFor({ state: 'hidden' });
      assert.equal(await chat.locator('#prompt').inputValue(), 'And what about generators?', 'the refused question stays in the box');
      await shot('chat-notice-gone-after-stop');

      relay.answerNextCompletion(slow(12));
      const second = await sendChat(chat, 'And what about generators?');
      await chat.locator('#prompt').fill('One more thing');
      await chat.locator('#prompt').press('Enter');
      await notice.filter({ hasText: 'An answer is still coming' }).waitFor();
      await waitForState(chat, second, 'done');
      await notice.waitFor({ state: 'hidden' });
      await chat.locator('#prompt').fill('');
    },
  },
  {
    name: 'apply & review: Apply says where the code goes ("Apply to withTax()") and reviews only that function',
    async run({ page, workspace, relay, shot }) {
      const file = join(workspace, 'src', 'cart.js');
      const original = readFileSync(file, 'utf8');
      const block = 'function withTax(total) {\n  return Math.round((total + total * TAX_RATE) * 100) / 100;\n}';
      relay.answerNextCompletion(streamScenario(['Round to cents:\n\n```js\n', `${block}\n`, '```\n']));

      await openFile(page, 'cart.js', 'withTax');
      await editorLines(page).click(); // a cursor, no selection
      const chat = await openChat(page);
      const answer = await sendChat(chat, 'Make withTax round to cents');
      await waitForState(chat, answer, 'done');
      const code = lastAnswer(chat).locator('.code-block').last();
      await code.hover();
      const apply = code.locator('[data-code-action="apply"]');
      await apply.locator('.apply-label', { hasText: 'Apply to withTax()' }).waitFor();
      await shot('chat-apply-label');
      await apply.click();
      await codeLens(page, 'Accept All').waitFor();
      await shot('apply-to-function-review');
      await runCommand(page, 'Relay Assistant: Reject All Changes');
      await saveActiveEditor(page);
      await diskBecomes(file, original);
    },
  },
  {
    name: 'apply & review: Ctrl+Z / Ctrl+Shift+Z step back and forth through review decisions; the review stays open',
    // Passes alone (--only 'apply'); in the full run, after the earlier scenarios, Apply to file on cart.js shows no review.
    // Undo/Redo of decisions is covered in VS Code by the integration test "Undo / Redo step back and forth…".
    knownIssue: 'in the full run, Apply to file after the earlier scenarios shows no review (under investigation)',
    async run({ page, workspace, relay, shot }) {
      const file = join(workspace, 'src', 'cart.js');
      const original = readFileSync(file, 'utf8');
      // A whole new version of the file with three changes: reviewed against the whole file, three hunks.
      // (Edits of lines no earlier scenario changes: the refactor scenario may already have made TAX_RATE a const.)
      // Hunks in file order, far apart: the console.log line removed, == made ===, TAX_RATE exported. None is on
      // line 1 (where the review's own Accept All / Reject All lens sits).
      const log = "  console.log('cart total', total);\n";
      const exports = 'module.exports = { cartTotal, withTax, describeCart };';
      const changed = original.replace(log, '').replace('total == 0', 'total === 0').replace(exports, 'module.exports = { cartTotal, withTax, describeCart, TAX_RATE };');
      assert.ok(original.includes(log) && original.includes(exports) && original.includes('total == 0'), 'cart.js has the three lines this scenario changes');
      relay.answerNextCompletion(streamScenario(['The whole file:\n\n```js\n', changed, '```\n']));

      await openFile(page, 'cart.js', 'withTax');
      await editorLines(page).click();
      // The review of a whole file starts at line 1, its Accept All lens above it: start from the top of the file
      // (earlier scenarios leave cart.js scrolled; a lens above a line scrolled out of view is not on screen).
      await page.keyboard.press('Control+Home');
      const chat = await openChat(page);
      const answer = await sendChat(chat, 'Tidy up cart.js');
      await waitForState(chat, answer, 'done');
      const code = lastAnswer(chat).locator('.code-block').last();
      await code.hover();
      await code.locator('.apply-label', { hasText: 'Apply to file' }).waitFor();
      await code.locator('[data-code-action="apply"]').click();
      // The review's own Accept All / Reject All lens sits above line 1, which the editor may keep scrolled just
      // out of view (a known gap); the per-hunk lenses below are what this scenario decides with.

      const exact = (title: string) => page.locator('.part.editor .codelens-decoration a', { hasText: new RegExp(`^${title}$`) });
      const line = (text: string) => editorLines(page).locator('.view-line', { hasText: text });
      const pending = async (n: number) => page.waitForFunction((count) => [...document.querySelectorAll('.part.editor .codelens-decoration a')].filter((a) => a.textContent === 'Reject').length === count, n);
      await pending(3);
      await exact('Accept').first().click(); // hunk 1: the console.log line goes
      await pending(2);
      await exact('Reject').last().click(); // hunk 3: TAX_RATE is not exported after all
      await line('withTax, describeCart };').waitFor();
      await pending(1);

      await editorLines(page).click();
      await page.keyboard.press('Control+Z');
      await line('describeCart, TAX_RATE };').waitFor();
      await pending(2); // the undone hunk and the undecided one are pending again, with their lenses: the review stays open
      await shot('review-undo-decision');

      await page.keyboard.press('Control+Shift+Z');
      await line('withTax, describeCart };').waitFor();
      await pending(1);
      assert.equal(await line("console.log('cart total'").count(), 0, 'the accepted hunk stays accepted');

      await runCommand(page, 'Relay Assistant: Reject All Changes');
      await saveActiveEditor(page);
      await diskBecomes(file, original.replace(log, ''));
      // Put the fixture back for the scenarios after this one.
      writeFileSync(file, original);
    },
  },
];

function editorLines(page: Page) {
  return page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').filter({ visible: true }).first();
}

function linesIn(text: string): number {
  return Number(/Generating… (\d+)/.exec(text)?.[1] ?? -1);
}
