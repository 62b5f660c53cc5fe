// Browser E2E of the chat panel's look and keyboard: welcome view, focus on open, the working
// indicator, the hover toolbar of code blocks, following the true bottom, jump to latest, Up to
// recall, the history list (search, open, rename) and an aria-label on every control.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { streamScenario } from '../support/sse';
import type { Scenario } from './scenarios.mjs';
import { focusWorkbench, lastAnswer, openChat, runCommand, sendChat, waitForState } from './ui.mjs';

/** A rich answer (prose, code, an aligned table, a task list) for the README screenshot. */
const DEBOUNCE_ANSWER = [
  'Wrap the function so that it runs only after the calls have **stopped for `ms` milliseconds**:',
  '',
  '```ts',
  'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms = 250) {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: A) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  '```',
  '',
  '| Option | Runs | Typical delay |',
  '|:--|:-:|--:|',
  '| debounce | once, at the end | 250 ms |',
  '| throttle | at most every `ms` | 100 ms |',
  '',
  '- [x] Keep the latest arguments',
  '- [ ] Add a `cancel()` method if callers need one',
].join('\n');

const pieces = (text: string) => text.match(/[^\n]*\n?/g)?.filter(Boolean) ?? [text];

/** Pixels between the bottom of the scrolled content and the bottom of the message area. */
function distanceFromBottom(chat: FrameLocator): Promise<number> {
  return chat.locator('#messages').evaluate((m) => m.scrollHeight - m.scrollTop - m.clientHeight);
}

/** Waits (up to ~300 frames) until the message area is scrolled to its end. No named inner
 * functions in page code: tsx's helpers (__name) do not exist in the page. */
async function waitForBottom(chat: FrameLocator): Promise<void> {
  await chat.locator('#messages').evaluate(async (m) => {
    for (let i = 0; i < 300 && m.scrollHeight - m.scrollTop - m.clientHeight > 1; i++) await new Promise((r) => requestAnimationFrame(r));
  });
}

/** Moves the mouse off the chat so no tooltip or hover state shows in a screenshot. */
async function parkMouse(page: Page): Promise<void> {
  await page.mouse.move(900, 600);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'chat panel: the welcome view says which relay is used; Ctrl+Alt+A opens the chat with the question box focused',
    async run({ page, relay, shot }) {
      await runCommand(page, 'Relay Assistant: New Chat');
      const chat = await openChat(page);
      const welcome = chat.locator('#welcome');
      await welcome.waitFor();
      assert.equal(await chat.locator('.message').count(), 0, 'a new chat shows messages');
      const line = chat.locator('#relay-line');
      await line.locator('code', { hasText: new URL(relay.sim.url).host }).waitFor();
      assert.match(await line.innerText(), /set in user settings/);
      assert.equal(await chat.locator('button.example').count(), 3);
      await chat.locator('#welcome-set-key').waitFor();
      await chat.locator('#welcome-choose-relay').waitFor();
      await parkMouse(page);
      await shot('panel-welcome');

      // Tab walks every control in order, each with a visible focus ring.
      await chat.locator('#history-toggle').focus();
      const walked: string[] = [];
      for (let i = 0; i < 11; i++) {
        await page.keyboard.press('Tab');
        const step = await chat.locator(':focus').evaluate((e) => {
          const ring = e.id === 'prompt' ? getComputedStyle(e.parentElement!) : getComputedStyle(e);
          return { name: e.id || e.getAttribute('aria-label') || e.tagName, ring: ring.outlineStyle !== 'none' && ring.outlineWidth !== '0px' };
        });
        assert.ok(step.ring, `${step.name} has no focus ring`);
        walked.push(step.name);
      }
      assert.deepEqual(walked, [
        'messages', 'welcome-set-key', 'welcome-choose-relay',
        ...['Explain what the active file does', 'Write unit tests for the selected function', 'How do I read a file line by line in Node.js?'].map((p) => `Ask: ${p}`),
        'prompt', 'add-selection', 'add-file', 'model', 'send',
      ]);

      // Away to the Explorer, then the keybinding: typed keys land in the question box.
      await focusWorkbench(page);
      await page.keyboard.press('Control+Shift+E');
      await page.locator('.explorer-folders-view').waitFor();
      await page.keyboard.press('Control+Alt+A');
      await chat.locator('#prompt:focus').waitFor();
      await page.keyboard.type('typed straight in');
      assert.equal(await chat.locator('#prompt').inputValue(), 'typed straight in');
      await chat.locator('#prompt').fill('');
    },
  },
  {
    name: 'chat panel: working indicator, code toolbar on hover, the view follows the true bottom',
    async run({ page, relay, shot }) {
      const chat = await openChat(page);
      // The relay sends headers, then nothing for a while: the answer says it is working.
      const scripted = streamScenario(pieces(DEBOUNCE_ANSWER), { delayMs: 40, usage: { prompt_tokens: 412, completion_tokens: 186, total_tokens: 598 } });
      relay.answerNextCompletion({ ...scripted, steps: [{ delayMs: 2500 }, ...(scripted.steps ?? [])] });
      const answer = await sendChat(chat, 'How do I debounce a function in TypeScript?');
      await answer.locator('.working', { hasText: 'Working' }).waitFor();
      await parkMouse(page);
      await shot('panel-working');
      await waitForState(chat, answer, 'done');
      assert.equal(await answer.locator('.working').count(), 0, 'the working indicator stayed after the answer');
      await waitForBottom(chat);
      assert.ok((await distanceFromBottom(chat)) <= 1, 'the finished answer is not scrolled to the true bottom');

      // Markdown: aligned columns (by class, CSP-safe), a task list with disabled checkboxes.
      assert.equal(await answer.locator('td.align-right').count(), 2);
      assert.equal(await answer.locator('input.task-checkbox[disabled]').count(), 2);
      assert.equal(await answer.locator('input.task-checkbox:checked').count(), 1);

      // The code toolbar: hidden until the block is hovered; four labelled icon buttons.
      const block = answer.locator('.code-block').first();
      const bar = block.locator('.code-actions');
      assert.equal(await bar.evaluate((b) => getComputedStyle(b).opacity), '0', 'the code toolbar shows without hover');
      await block.hover();
      await bar.evaluate(async (b) => {
        for (let i = 0; i < 300 && getComputedStyle(b).opacity !== '1'; i++) await new Promise((r) => requestAnimationFrame(r));
      });
      assert.equal(await bar.evaluate((b) => getComputedStyle(b).opacity), '1', 'hovering the block does not show its toolbar');
      const labels = await bar.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
      assert.deepEqual(labels.map((l) => (l?.startsWith('Apply') || l === 'Replace selection' ? 'Apply' : l)), ['Copy', 'Insert at Cursor', 'Apply', 'New File']);
      const barBox = await bar.boundingBox();
      assert.ok(barBox && barBox.height <= 30, `the code toolbar is ${barBox?.height} px tall`);
      await block.locator('[data-code-action="copy"]').hover();
      await shot('panel-code-toolbar');
      await parkMouse(page);
    },
  },
  {
    name: 'chat panel: scrolled up, "jump to latest" appears and brings back the bottom; Up recalls the last question',
    async run({ page, shot }) {
      const chat = await openChat(page);
      const answer = await sendChat(chat, 'Please write a long answer');
      await answer.locator('.content li').nth(11).waitFor();
      await chat.locator('#messages').hover();
      await page.mouse.wheel(0, -3000);
      await chat.locator('#jump-latest').waitFor();
      assert.ok((await distanceFromBottom(chat)) > 200, 'scrolling up did not stay up while the answer streamed');
      await parkMouse(page);
      await shot('panel-jump-to-latest');
      await chat.locator('#jump-latest').click();
      await chat.locator('#jump-latest').waitFor({ state: 'hidden' });
      await waitForState(chat, answer, 'done', 60_000);
      await waitForBottom(chat);
      assert.ok((await distanceFromBottom(chat)) <= 1, 'after jump to latest the view did not follow the answer to its end');

      await chat.locator('#prompt').click();
      await page.keyboard.press('ArrowUp');
      assert.equal(await chat.locator('#prompt').inputValue(), 'Please write a long answer');
      await chat.locator('#prompt').fill('');

      // A long question is folded behind "Show more" and unfolds on click.
      const long = Array.from({ length: 14 }, (_, i) => `Line ${i + 1} of a long question`).join('\n');
      await chat.locator('#prompt').fill(long);
      await chat.locator('#send').click();
      const question = chat.locator('.message.user').last();
      await question.locator('.content', { hasText: 'Line 1 of' }).waitFor();
      const more = question.locator('.show-more');
      const folded = await question.locator('.content').evaluate((c) => [c.clientHeight, c.scrollHeight]);
      assert.ok(folded[0] < folded[1], `the long question is not folded (${folded[0]} of ${folded[1]} px shown)`);
      await more.click();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const open = await question.locator('.content').evaluate((c) => [c.clientHeight, c.scrollHeight]);
      assert.ok(open[0] >= open[1] - 1, 'Show more did not unfold the question');
      await waitForState(chat, lastAnswer(chat), 'done');

      // Every control in the view has an accessible name.
      const unnamed = await chat.locator('button, select, textarea, input').evaluateAll((els) =>
        els.filter((e) => !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()).map((e) => e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unnamed, [], 'controls without a name');
    },
  },
  {
    name: 'chat panel: typing # offers workspace context; #file: finds a file and attaches it as a removable chip',
    async run({ page, shot }) {
      const chat = await openChat(page);
      const prompt = chat.locator('#prompt');
      await prompt.fill('');
      await prompt.click();
      await page.keyboard.type('What does #');
      const popup = chat.locator('#context-popup');
      await popup.waitFor();
      const labels = await popup.locator('.context-label').allInnerTexts();
      for (const l of ['#file', '#selection', '#problems', '#changes', '#symbol']) assert.ok(labels.includes(l), `the # popup offers ${JSON.stringify(labels)}`);
      await page.keyboard.type('fi');
      await popup.locator('.context-option[aria-selected="true"]', { hasText: '#file' }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.type('cart');
      await popup.locator('.context-option', { hasText: 'cart.js' }).first().waitFor();
      await parkMouse(page);
      await shot('panel-context-completion');
      await page.keyboard.press('Enter');
      const chip = chat.locator('#chips .chip', { hasText: 'cart.js' });
      await chip.waitFor();
      await popup.waitFor({ state: 'hidden' });
      assert.equal(await prompt.inputValue(), 'What does #file:cart.js ', 'the mention stays in the question');
      await chip.locator('.chip-remove').click();
      await chip.waitFor({ state: 'detached' });
      await prompt.fill('');
    },
  },
  {
    name: 'chat panel: history is a searchable list; open and rename a conversation from it',
    async run({ page, shot }) {
      await runCommand(page, 'Relay Assistant: New Chat');
      const chat = await openChat(page);
      await chat.locator('#welcome').waitFor(); // the new, empty conversation is shown (sendChat counts answers)
      await waitForState(chat, await sendChat(chat, 'Explain closures in one paragraph'), 'done');
      await chat.locator('#history-toggle').click();
      const panel = chat.locator('#history-panel');
      await panel.waitFor();
      await chat.locator('#history-search:focus').waitFor();
      const rows = panel.locator('.history-item');
      assert.ok((await rows.count()) >= 3, `the history lists ${await rows.count()} conversation(s)`);
      assert.match(await rows.first().innerText(), /closures/, 'the newest conversation is not listed first');
      await rows.nth(1).hover();
      await shot('panel-history');
      await chat.locator('#history-search').fill('greet');
      await rows.first().waitFor();
      const titles = await rows.locator('.history-title').allInnerTexts();
      assert.ok(titles.length >= 1 && titles.every((t) => /greet/i.test(t)), `search "greet" shows ${JSON.stringify(titles)}`);
      await rows.first().locator('[data-history="open"]').click();
      await panel.waitFor({ state: 'hidden' });
      await chat.locator('#chat-title', { hasText: /greet/i }).waitFor();
      await lastAnswer(chat).waitFor();

      await chat.locator('#history-toggle').click();
      await chat.locator('#history-search').fill('greet');
      await rows.first().hover();
      await rows.first().locator('[data-history="rename"]').click();
      const input = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: 'Rename Conversation' }) }).locator('input');
      await input.waitFor();
      await input.fill('Greeting in TypeScript');
      await page.keyboard.press('Enter');
      await chat.locator('#chat-title', { hasText: 'Greeting in TypeScript' }).waitFor();
      await chat.locator('#history-panel .history-title', { hasText: 'Greeting in TypeScript' }).waitFor();
      await chat.locator('#history-toggle').click();
      await panel.waitFor({ state: 'hidden' });
    },
  },
];

SCENARIOS.push({
  name: 'chat panel: in a High Contrast theme an error is drawn with the theme\'s own borders',
  async run({ page, shot }) {
    const chat = await openChat(page);
    const box = chat.locator('.message.assistant[data-state="error"] .error').first();
    await box.waitFor({ state: 'attached' });
    await box.scrollIntoViewIfNeeded();
    // The theme picker previews the highlighted theme; Escape puts the previous one back.
    await focusWorkbench(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T'); // Preferences: Color Theme
    const input = page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
    await input.waitFor();
    await input.fill('Dark High Contrast');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Dark High Contrast' }).waitFor();
    await chat.locator('body.vscode-high-contrast').waitFor({ state: 'attached' });
    const colours = await box.evaluate((b) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-contrastBorder)';
      const probe2 = document.createElement('span');
      probe2.style.color = 'var(--vscode-inputValidation-errorBorder)';
      document.body.append(probe, probe2);
      const out = {
        top: getComputedStyle(b).borderTopColor,
        left: getComputedStyle(b).borderLeftColor,
        background: getComputedStyle(b).backgroundColor,
        contrast: getComputedStyle(probe).color,
        error: getComputedStyle(probe2).color,
      };
      probe.remove();
      probe2.remove();
      return out;
    });
    assert.equal(colours.top, colours.contrast, 'the error box border is not the theme\'s contrast border');
    assert.equal(colours.left, colours.error, 'the error box accent is not the theme\'s error border');
    assert.equal(colours.background, 'rgba(0, 0, 0, 0)', 'the error box has a tinted fill in High Contrast');
    const inline = chat.locator('.message.assistant .content p code').first();
    const ink = await inline.evaluate((c) => [getComputedStyle(c).color, getComputedStyle(c).backgroundColor, getComputedStyle(document.body).color]);
    assert.equal(ink[0], ink[2], 'inline code is not drawn in the theme\'s text colour');
    assert.equal(ink[1], 'rgba(0, 0, 0, 0)', 'inline code has a fill that can hide its text');
    await shot('panel-high-contrast');
    await page.keyboard.press('Escape');
    await chat.locator('body.vscode-high-contrast').waitFor({ state: 'detached' });
  },
});
