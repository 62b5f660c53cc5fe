// The batch review as a person sees it, with a REAL window reload in the middle: the packaged
// extension submits one batch to the demo relay's Batch API, the page is reloaded (the
// extension host that submitted it ends, a new one starts), the new one picks the batch up
// from global state, and the findings land in the Problems view with a notification.
import * as assert from 'node:assert/strict';
import type { Scenario } from './scenarios.mjs';
import { filterProblems, problems, runCommand, settleNotifications } from './ui.mjs';
import { SLOW_WAIT_MS } from './workbench.mjs';

export const BATCH_SCENARIOS: Scenario[] = [
  {
    name: 'batch review (half price) survives a window reload and fills Problems',
    async run({ page, relay, shot }) {
      const created = () => relay.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches').length;
      const before = created();
      // The palette lists the extension's commands once its host is up (the cost item shows then).
      const hostUp = () => page.locator('.part.statusbar .statusbar-item', { hasText: /· \$\d/ }).first().waitFor({ timeout: SLOW_WAIT_MS });
      await hostUp();
      // Earlier scenarios reviewed the workspace live: without clearing, every file would come from the cache.
      await runCommand(page, 'Relay Assistant: Clear Review Cache');
      await runCommand(page, 'Relay Assistant: Clear Review Findings');
      await runCommand(page, 'Relay Assistant: Review Workspace (Batch, half price)');
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: /Review batch: \d+\/\d+/ });
      await item.first().waitFor({ timeout: SLOW_WAIT_MS });
      await settleNotifications(page);
      await shot('batch-submitted');
      assert.equal(created() - before, 1);
      const polls = () => relay.sim.requests.filter((r) => r.method === 'GET' && /^\/v1\/batches\/batch_/.test(r.path)).length;
      const pollsBefore = polls();

      // A real reload: this window's extension host ends and a new one starts (code-server logs both).
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: SLOW_WAIT_MS });
      await hostUp();
      await shot('batch-after-reload');

      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Relay Review (batch):' });
      await toast.first().waitFor({ timeout: SLOW_WAIT_MS });
      assert.ok(polls() > pollsBefore, 'the reloaded window polled the batch');
      assert.equal(created() - before, 1, 'the reload did not submit again');
      const rows = await problems(page);
      await filterProblems(page, 'Debug output left in the code');
      await rows.filter({ hasText: 'Debug output left in the code' }).first().waitFor({ timeout: SLOW_WAIT_MS });
      await filterProblems(page, 'Relay Review');
      await settleNotifications(page);
      await shot('batch-problems');
      await item.first().waitFor({ state: 'hidden', timeout: SLOW_WAIT_MS });
    },
  },
];
