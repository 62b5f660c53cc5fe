// The browser E2E scenarios: what a user does with each job, against the demo relay, with a
// screenshot at each step. They run in order in one workbench (the chat keeps its history).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  codeLens, contextMenu, filterProblems, lastAnswer, openChat, openFile, problems, runCommand, saveActiveEditor, selectLines,
  sendChat, settleNotifications, waitForState,
} from './ui.mjs';
import { BATCH_SCENARIOS } from './batchScenario.mjs';
import { refactorJavaScript } from '../support/demo';
import type { Scenario as Answer, Simulator } from '../support/simulator';

export interface ScenarioContext {
  page: Page;
  /** The run's copy of the fixture workspace (files on disk). */
  workspace: string;
  /** The relay the workbench talks to: the simulator with the demo responder. */
  relay: ScriptedRelay;
  /** Records a screenshot taken as evidence for this step. */
  shot(name: string): Promise<void>;
}

export interface ScriptedRelay {
  sim: Simulator;
  /** The next chat completion request (streaming or not) gets this answer instead of the demo's. */
  answerNextCompletion(answer: Answer): void;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<void>;
  /** A scenario known to fail, with the reason: reported as skipped, never as passed. */
  knownIssue?: string;
}

const CART = 'cart.js';

/** Line numbers of the fixture (1-based), looked up from the file so the fixture can change. */
function lineOf(workspace: string, file: string, pattern: RegExp): number {
  const index = readFileSync(join(workspace, file), 'utf8').split('\n').findIndex((l) => pattern.test(l));
  assert.ok(index >= 0, `${file} has no line matching ${pattern}`);
  return index + 1;
}

/** Equal texts, else a message naming the first line that differs. */
function assertSameText(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const at = a.findIndex((line, i) => line !== e[i]);
  const line = at >= 0 ? at : Math.min(a.length, e.length);
  assert.fail(`${what}: line ${line + 1} is ${JSON.stringify(a[line])}, expected ${JSON.stringify(e[line])} (${a.length} lines, expected ${e.length})`);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'chat: send a message, see it stream and finish',
    async run({ page, shot }) {
      const chat = await openChat(page);
      await shot('chat-open');
      const answer = await sendChat(chat, 'How do I greet someone in TypeScript?');
      await waitForState(chat, answer, 'streaming');
      await shot('chat-streaming');
      await waitForState(chat, answer, 'done');
      const text = await answer.locator('.content').innerText();
      assert.match(text, /Demo relay/);
      assert.ok(await answer.locator('.content pre code').count() > 0, 'the answer shows no code block');
      await shot('chat-done');
    },
  },
  {
    name: 'chat: stop a stream',
    async run({ page, shot }) {
      const chat = await openChat(page);
      const answer = await sendChat(chat, 'Please write a long answer');
      await waitForState(chat, answer, 'streaming');
      await answer.locator('.content', { hasText: 'press Stop' }).waitFor();
      await chat.locator('#stop').click();
      await waitForState(chat, answer, 'stopped');
      const text = await answer.locator('.content').innerText();
      assert.ok(!text.includes('40. The demo relay'), 'the whole answer arrived although Stop was pressed');
      await shot('chat-stopped');
    },
  },
  {
    name: 'chat: an auth error says so in plain words and offers Set API Key',
    async run({ page, relay, shot }) {
      const chat = await openChat(page);
      // The chat request sent below is refused the way a relay refuses a bad key.
      relay.answerNextCompletion({ status: 401, body: { error: { message: 'Invalid API key', type: 'invalid_request_error' } } });
      const answer = await sendChat(chat, 'Is my key accepted?');
      await waitForState(chat, answer, 'error');
      const box = answer.locator('.error');
      assert.equal(await box.getAttribute('data-kind'), 'auth');
      assert.match(await box.locator('.error-text').innerText(), /API key/i, 'the error does not say that the key was rejected');
      const setKey = box.locator('button', { hasText: 'Set API Key' });
      assert.equal(await setKey.count(), 1, 'the error box has no Set API Key button');
      assert.equal(await answer.locator('.regenerate').isVisible(), false, 'a failed answer offers Regenerate next to its fix');
      await settleNotifications(page);
      await shot('chat-auth-error');
      await setKey.click();
      const input = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: 'Set API Key' }) });
      await input.locator('input[type="password"]').waitFor();
      await shot('chat-set-api-key');
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'explain a selection from the editor context menu',
    async run({ page, workspace, shot }) {
      await openFile(page, CART, 'cartTotal');
      const start = lineOf(workspace, `src/${CART}`, /^function cartTotal/);
      await selectLines(page, start, start + 7);
      await shot('explain-selection');
      await contextMenu(page, 'Relay Assistant', 'Explain Selection');
      const chat = await openChat(page);
      const answer = lastAnswer(chat);
      await answer.locator('.content', { hasText: 'cartTotal' }).waitFor();
      await waitForState(chat, answer, 'done');
      assert.match(await answer.locator('.content').innerText(), /debug output left in the code/i);
      await shot('explain-answer');
    },
  },
  {
    name: 'refactor a selection and accept the change',
    async run({ page, workspace, shot }) {
      await openFile(page, CART, 'cartTotal');
      const file = join(workspace, 'src', CART);
      const original = readFileSync(file, 'utf8').split('\n');
      const last = lineOf(workspace, `src/${CART}`, /^\s*return total;/) + 1; // the closing brace of cartTotal
      await selectLines(page, 1, last);
      await runCommand(page, 'Relay Assistant: Refactor Selection...');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('Modernise the declarations');
      await page.keyboard.press('Enter');
      await codeLens(page, 'Accept All').waitFor({ timeout: 30_000 });
      await shot('refactor-diff');
      await codeLens(page, 'Accept All').click();
      await codeLens(page, 'Accept All').waitFor({ state: 'detached' });
      await saveActiveEditor(page);
      await shot('refactor-accepted');
      // The demo relay's rewrite of exactly the selected lines; every other line stays as it was.
      const expected = [refactorJavaScript(original.slice(0, last).join('\n')), ...original.slice(last)].join('\n');
      assertSameText(readFileSync(file, 'utf8'), expected, `src/${CART} after Accept All`);
    },
  },
  {
    name: 'review the workspace from the palette and see findings in Problems',
    async run({ page, shot }) {
      await runCommand(page, 'Relay Assistant: Review Workspace');
      const rows = await problems(page);
      for (const finding of ['Debug output left in the code', 'Empty error handler', 'FIXME left in the code', 'characters long (over 120)']) {
        await filterProblems(page, finding);
        await rows.filter({ hasText: finding }).first().waitFor({ timeout: 60_000 });
      }
      await filterProblems(page, 'Relay Review');
      await settleNotifications(page);
      await shot('review-problems');
    },
  },
  ...BATCH_SCENARIOS,
];
