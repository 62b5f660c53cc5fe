// What a person does in the workbench, as Playwright steps (selectors from the recipe and the
// chat webview's fixed ids). Every wait is for something visible, never a fixed sleep.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { EXTENSION_ID, ROOT } from './workbench.mjs';

export const SCREENSHOTS = join(ROOT, 'test-results', 'e2e');
const CONTAINER_TITLE = 'Relay Assistant';
let shotDir = SCREENSHOTS;
let shotCount = 0;

/** Screenshots from now on go to `dir` (one folder per VS Code version), numbered from 1. */
export function useScreenshotDir(dir: string): void {
  shotDir = dir;
  shotCount = 0;
}

/** Saves a numbered screenshot under the screenshot folder and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(shotDir, { recursive: true });
  const path = join(shotDir, `${String(++shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Waits until notifications have slid in (they animate) so a screenshot shows them. */
export async function settleNotifications(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

/** Makes the side bar wider by dragging its edge, so the chat reads well in screenshots. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - box.width), y, { steps: 5 });
  await page.mouse.up();
  await page.mouse.move(900, 600);
}

// ---- chat -------------------------------------------------------------------------------

export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`).frameLocator('iframe#active-frame');
}

/** Opens the Relay Assistant container from the activity bar (unless it is open) and waits for the composer. */
export async function openChat(page: Page): Promise<FrameLocator> {
  // VS Code (1.100 and 1.139) puts the aria-label on the tab's inner link; clicking an open container's tab would close it.
  const tab = page.locator(`.part.activitybar li[role="tab"]:has([aria-label^="${CONTAINER_TITLE}"])`).first();
  if (!((await tab.getAttribute('class')) ?? '').includes('checked')) await tab.click();
  const chat = chatFrame(page);
  await chat.locator('#prompt').waitFor({ timeout: 60_000 });
  return chat;
}

export async function sendChat(chat: FrameLocator, text: string): Promise<Locator> {
  const before = await chat.locator('.message.assistant').count();
  await chat.locator('#prompt').fill(text);
  await chat.locator('#send').click();
  const answer = chat.locator('.message.assistant').nth(before);
  await answer.waitFor();
  return answer;
}

export function lastAnswer(chat: FrameLocator): Locator {
  return chat.locator('.message.assistant').last();
}

/** Waits until an assistant message reaches a state (data-state="done" | "streaming" | "stopped" | "error"). */
export async function waitForState(chat: FrameLocator, message: Locator, state: 'done' | 'streaming' | 'stopped' | 'error', timeout = 30_000): Promise<void> {
  await message.and(chat.locator(`.message.assistant[data-state="${state}"]`)).waitFor({ timeout });
}

// ---- editor -----------------------------------------------------------------------------

/** The visible text editor of the active group. */
function editor(page: Page): Locator {
  return page.locator('.part.editor .editor-group-container.active .monaco-editor').filter({ visible: true }).first();
}

/** Puts keyboard focus in the workbench (keys must not go to a webview); keeps an editor's focus and selection. */
export async function focusWorkbench(page: Page): Promise<void> {
  const inEditor = await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
  if (inEditor) return;
  const lines = editor(page).locator('.view-lines');
  if (await lines.isVisible()) await lines.click();
  else await page.locator('.part.editor').click();
}

/** Quick Open (Ctrl+P) a file of the workspace by name and wait for its text. */
export async function openFile(page: Page, name: string, expectText: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  // Enter opens the focused row: wait until the filtered list has focused the file (a busy workbench
  // can still be filtering when the row first shows, and Enter then opens nothing).
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await editor(page).locator('.view-lines', { hasText: expectText }).waitFor();
}

/** Selects whole lines from..to (1-based, inclusive) with Go to Line and Shift+arrows. */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(String(from));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = from; i < to; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  await editor(page).locator('.selected-text').first().waitFor();
}

/** Right-clicks inside the selection (elsewhere it collapses) and picks submenu > item. */
export async function contextMenu(page: Page, submenu: string, item: string): Promise<void> {
  const box = await editor(page).locator('.selected-text').first().boundingBox();
  if (!box) throw new Error('no visible selection to right-click');
  await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2, { button: 'right' });
  // A submenu's items live inside its parent .action-item, so match the item links themselves.
  await menuItem(page, submenu).hover();
  const target = menuItem(page, item);
  await target.hover();
  await target.locator('xpath=parent::*[contains(concat(" ", @class, " "), " focused ")]').waitFor();
  // The item is focused (highlighted): Enter runs it, the same as a click, without racing the submenu's open animation.
  await page.keyboard.press('Enter');
  await page.locator('.monaco-menu').first().waitFor({ state: 'detached' });
}

function menuItem(page: Page, label: string): Locator {
  return page.locator('.monaco-menu a.action-menu-item').filter({ has: page.locator('.action-label', { hasText: label }) }).first();
}

/** Closes whatever menu, picker or dialog a previous step may have left open. */
export async function dismissOverlays(page: Page): Promise<void> {
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
}

/** F1, type a command title, Enter on the matching row. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Saves the active editor and waits until its tab is no longer dirty. */
export async function saveActiveEditor(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.part.editor .tab.active:not(.dirty)').waitFor();
}

/** The text of a CodeLens in the editor (e.g. "Accept All"). */
export function codeLens(page: Page, title: string): Locator {
  return editor(page).locator('.codelens-decoration a', { hasText: title }).first();
}

/** Types into the Problems view's filter box (its list renders only the rows in view). */
export async function filterProblems(page: Page, text: string): Promise<void> {
  await page.locator('.part.panel').getByPlaceholder(/^Filter \(e\.g\./).fill(text);
}

/** Opens the Problems panel (Ctrl+Shift+M toggles it) and returns its rows. */
export async function problems(page: Page): Promise<Locator> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  if (!(await page.locator('.markers-panel').isVisible())) {
    await focusWorkbench(page);
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').waitFor();
  return rows;
}
