// Honest cost inside a real VS Code: the chat shows cached and reasoning tokens and the cost at the
// cached price, prices the relay publishes on /models price a model the table does not know, and the
// reasoning-effort picker appears for reasoning models and never writes settings. Assertions are on
// what the view received (and its meta line as the view words it) and on what the relay received.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatMeta } from '../../../src/webview/format';
import type { Simulator } from '../../support/simulator';
import { streamScenario } from '../../support/sse';
import type { SimulatedRelay } from '../relay';
import { freshConversation, openChatView, type WebviewProbe } from '../webviewProbe';

let sim: Simulator;
let relay: SimulatedRelay;
let view: WebviewProbe;

const USAGE = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 256 } };
/** OpenRouter-style /models: USD per token as strings. */
const MODELS = {
  object: 'list',
  data: [
    { id: 'gpt-5', owned_by: 'openai' },
    { id: 'house/coder', context_length: 65536, pricing: { prompt: '0.000001', completion: '0.000004', input_cache_read: '0.0000001' } },
  ],
};

function serve(): void {
  sim.setResponder((req) => (req.method === 'GET' ? { body: JSON.stringify(MODELS) } : streamScenario(['Thought it through.'], { usage: USAGE })));
}

async function ask(prompt: string) {
  const finished = view.next('messageFinished');
  const ended = view.next('busy', (m) => !m.busy);
  view.send({ type: 'send', text: prompt });
  const [done] = await Promise.all([finished, ended]);
  return done;
}

async function useModel(model: string) {
  const shown = view.next('models', (m) => m.selected === model);
  view.send({ type: 'selectModel', model });
  return shown;
}

describe('cost: cached and reasoning tokens, published prices and reasoning effort in the chat', function () {
  this.timeout(60_000);

  before(async () => {
    ({ relay, view } = await openChatView());
    sim = relay.sim;
    serve();
  });

  after(async () => {
    view?.dispose();
    await relay.restore();
  });

  beforeEach(async () => {
    sim.reset();
    serve();
    await freshConversation(view);
  });

  it('shows "1,200 in (1,024 cached) · 300 out (256 reasoning)" and the cost at the cached price', async () => {
    await useModel('gpt-5');
    const done = await ask('review this');
    assert.equal(done.state, 'done');
    const meta = done.meta!;
    assert.deepEqual([meta.promptTokens, meta.cachedPromptTokens, meta.completionTokens, meta.reasoningTokens, meta.tokensEstimated], [1200, 1024, 300, 256, false]);
    // (1,200 − 1,024) × $1.25 + 1,024 × $0.125 + 300 × $10, per million
    const expected = (176 * 1.25 + 1024 * 0.125 + 300 * 10) / 1e6;
    assert.ok(Math.abs(meta.costUsd! - expected) < 1e-12, `${meta.costUsd} != ${expected}`);
    assert.match(formatMeta(meta), /^gpt-5 · 1,200 in \(1,024 cached\) · 300 out \(256 reasoning\) · \$0\.0033( · first token .*)?$/);
  });

  it("prices a model the table does not know with the relay's published price", async () => {
    // a view's ready fetches /models: the host then has the relay's list and prices
    const listed = view.next('models', (m) => m.models.includes('house/coder'));
    await view.ready();
    await listed;
    await useModel('house/coder');
    const done = await ask('hello');
    const expected = (176 * 1 + 1024 * 0.1 + 300 * 4) / 1e6;
    assert.ok(done.meta?.costUsd !== null && Math.abs(done.meta!.costUsd - expected) < 1e-12, `${done.meta?.costUsd} != ${expected}`);
    assert.equal(sim.requests.filter((r) => r.method === 'POST').at(-1)?.body.model, 'house/coder');
  });

  it('offers a reasoning effort for reasoning models only, kept per model without touching settings', async () => {
    const before = vscode.workspace.getConfiguration('relayAssistant').inspect('models');
    const gpt5 = await useModel('gpt-5');
    assert.deepEqual(gpt5.effort?.levels, ['minimal', 'low', 'medium', 'high']);
    const chosen = view.next('models', (m) => m.effort?.selected === 'high');
    view.send({ type: 'selectEffort', effort: 'high' });
    await chosen;
    view.send({ type: 'selectEffort', effort: 'extreme' }); // not a level: dropped by the host's validation
    const plain = await useModel('house/coder');
    assert.equal(plain.effort, null);
    const back = await useModel('gpt-5');
    assert.equal(back.effort?.selected, 'high');
    assert.deepEqual(vscode.workspace.getConfiguration('relayAssistant').inspect('models'), before, 'no setting was written');
  });
});
