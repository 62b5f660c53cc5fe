// Browser E2E: the relay's models in VS Code's own chat (VS Code 1.104+, where extensions can
// register chat models): the Language Models manager lists them, and the chat's model picker
// offers them. Hook: add SCENARIOS from this file to ALL_SCENARIOS in run.mts. On an older VS Code
// the scenario says so and passes without steps.
import type { Page } from 'playwright-core';
import type { Scenario } from './scenarios.mjs';
import { dismissOverlays, runCommand } from './ui.mjs';

/** code-server 4.104 ships VS Code 1.104, the first with vscode.lm.registerLanguageModelChatProvider. */
export function hasLanguageModelProviders(codeServerVersion: string): boolean {
  const [major, minor] = codeServerVersion.split('.').map(Number);
  return major > 4 || (major === 4 && minor >= 104);
}

/** The code-server version of the loaded workbench (its web configuration names it), else RELAY_TEST_CODE_SERVER. */
async function workbenchVersion(page: Page): Promise<string> {
  const settings = await page.locator('#vscode-workbench-web-configuration').getAttribute('data-settings').catch(() => null);
  try {
    const version = (JSON.parse(settings ?? '{}') as { productConfiguration?: { codeServerVersion?: string } }).productConfiguration?.codeServerVersion;
    if (version) return version;
  } catch {
    // not JSON: fall back to the environment
  }
  return process.env.RELAY_TEST_CODE_SERVER ?? '';
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'lm: VS Code\'s chat lists the relay\'s models (Language Models manager and model picker)',
    async run({ page, shot }) {
      const version = await workbenchVersion(page);
      if (!hasLanguageModelProviders(version)) {
        console.log(`       skipped: code-server ${version || '(version unknown)'} has no language model provider API (VS Code 1.104+)`);
        return;
      }
      await runCommand(page, 'Chat: Manage Language Models');
      // The manager's table: one row per model, with its context size and capabilities (Tools, Vision).
      const row = page.locator('.monaco-list-row, tr', { hasText: 'gpt-4.1' }).filter({ hasText: '1M' }).first();
      await row.waitFor({ timeout: 60_000 });
      await page.locator('.monaco-list-row, tr', { hasText: 'deepseek-v3.2' }).filter({ hasText: 'Tools' }).first().waitFor();
      await shot('lm-models');
      await dismissOverlays(page);
      // The chat's model picker (VS Code's Chat in the secondary side bar) offers the same models.
      const picker = page.locator('.interactive-input-part .action-item', { hasText: /gpt-4\.1|claude-sonnet|deepseek|demo-echo/ }).first();
      const opened = !(await page.locator('.interactive-input-part').first().isVisible());
      if (opened) await runCommand(page, 'Toggle Chat');
      await picker.waitFor({ timeout: 30_000 });
      await picker.click();
      // Each entry names the relay's host and the price per million tokens; the rest sit under "Other Models".
      await page.getByText(/127\.0\.0\.1:\d+ · \$[\d.]+ \/ \$[\d.]+ per 1M/).first().waitFor();
      const others = page.getByText('Other Models', { exact: true }).first();
      if (await others.isVisible()) await others.click();
      await page.getByText('deepseek-v3.2', { exact: true }).first().waitFor();
      await shot('lm-picker');
      await dismissOverlays(page);
      // Leave the layout as the next scenarios expect it.
      if (opened) await runCommand(page, 'Hide Secondary Side Bar');
    },
  },
];
