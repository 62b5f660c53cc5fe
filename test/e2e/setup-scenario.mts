// Choose Relay in the browser: the picker with the presets, a local server on Ollama's default
// port found and marked "running", the connection test's result; then back to the demo relay
// through a custom URL. Hooked into run.mts as `...SETUP_SCENARIOS` (last: it changes the relay
// and puts it back).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { Page } from 'playwright-core';
import type { Scenario } from './scenarios.mjs';
import { openChat, settleNotifications } from './ui.mjs';

const OLLAMA_PORT = 11434;
const LOCAL_MODELS = ['llama3.2:3b', 'qwen2.5-coder:7b'];

/** A stand-in for Ollama on its default port (loopback only); null when the port is taken. */
async function fakeOllama(): Promise<http.Server | null> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: LOCAL_MODELS.map((id) => ({ id, object: 'model', owned_by: 'library' })) }));
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const text of ['O', 'K']) res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: LOCAL_MODELS[0], choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(OLLAMA_PORT, '127.0.0.1', () => resolve(server));
  });
}

function pickerRow(page: Page, label: string) {
  return page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
}

function toast(page: Page, text: string | RegExp) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

export const SETUP_SCENARIOS: Scenario[] = [
  {
    name: 'setup: Choose Relay finds a local server, tests the connection, and goes back to a custom URL',
    async run({ page, relay, shot }) {
      const ollama = await fakeOllama();
      try {
        // from the chat's welcome, as a new user would
        const chat = await openChat(page);
        const welcomeButton = chat.locator('#welcome-choose-relay');
        // an earlier scenario's conversation hides the welcome: a new chat shows it
        const shown = await welcomeButton.waitFor({ timeout: 5_000 }).then(() => true, () => false);
        if (!shown) {
          await page.locator('.part.sidebar .title-actions [aria-label^="New Chat"]').first().click();
          await chat.locator('#welcome').waitFor();
        }
        await welcomeButton.click();
        await pickerRow(page, 'HolySheep').waitFor();
        // the list is virtualised: the first rows are the hosted relays
        for (const name of ['OpenRouter', 'OpenAI', 'DeepSeek']) assert.ok(await pickerRow(page, name).isVisible(), `${name} is not in the picker`);
        // the detection ends within a second: no row says "checking…" any more
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'checking…' }).first().waitFor({ state: 'detached', timeout: 10_000 });
        if (ollama) await pickerRow(page, 'running · 2 models').waitFor();
        await shot('setup-picker');
        if (ollama) {
          await page.locator('.quick-input-widget input').fill('Ollama');
          await pickerRow(page, 'running').waitFor();
          await page.keyboard.press('Enter');
          await toast(page, /Connected to (localhost|127\.0\.0\.1):11434 \(\d+ ms\): no key needed, 2 models, streaming OK/).waitFor({ timeout: 30_000 });
          await settleNotifications(page);
          await shot('setup-connected');
        }
        // back to the demo relay: Custom URL, its base URL typed
        if (ollama) {
          await welcomeButton.click();
          await pickerRow(page, 'HolySheep').waitFor();
        }
        await page.locator('.quick-input-widget input').fill('Custom URL');
        await pickerRow(page, 'Custom URL').waitFor();
        await page.keyboard.press('Enter');
        const box = page.locator('.quick-input-widget input');
        await page.locator('.quick-input-widget', { hasText: 'Custom Relay' }).waitFor();
        await box.fill(relay.sim.url);
        await page.keyboard.press('Enter');
        await toast(page, /Connected to 127\.0\.0\.1:\d+/).waitFor({ timeout: 30_000 });
        await settleNotifications(page);
        await shot('setup-custom');
      } finally {
        await new Promise<void>((r) => (ollama ? ollama.close(() => r()) : r()));
        await page.keyboard.press('Escape');
      }
    },
  },
];
