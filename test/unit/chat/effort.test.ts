// The chat's reasoning-effort picker: shown for reasoning models only, chosen per model, kept in the
// chat's state (never in settings), and put on the chat request; cached and reasoning tokens reach the view.
import { strict as assert } from 'node:assert';
import { ChatController } from '../../../src/features/chat/controller';
import { EFFORT_KEY } from '../../../src/features/chat/effort';
import type { ChatRequest, RelayClient } from '../../../src/core/relay/types';
import { startSimulator, type Simulator } from '../../support/simulator';
import { streamScenario } from '../../support/sse';
import { fakeHost, MemoryState, PostLog, type FakeHost } from './fakes';

describe('chat reasoning effort and usage details', () => {
  let sim: Simulator;
  let host: FakeHost;
  let kv: MemoryState;
  let log: PostLog;
  let chat: ChatController;
  let requests: ChatRequest[];

  function start(settings: Parameters<typeof fakeHost>[2] = {}): void {
    host = fakeHost(sim.url, undefined, settings);
    const inner = host.client;
    requests = [];
    const recording: RelayClient = {
      chat: (req) => (requests.push(req), inner.chat(req)),
      complete: (req) => inner.complete(req),
      listModels: (signal) => inner.listModels(signal),
      close: () => inner.close(),
    };
    host.ctx.relay = async () => recording;
    chat = new ChatController(host.ctx, kv, log.post);
  }

  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.reset();
    [kv, log] = [new MemoryState(), new PostLog()];
    start();
  });
  afterEach(async () => {
    chat.dispose();
    await Promise.all([chat.whenIdle(), host.client.close()]);
  });

  const lastModels = () => log.of('models').at(-1);

  it('hides the picker for a model without reasoning and offers the family levels for one with it', async () => {
    assert.equal((await chat.snapshot()).effort, null, 'gpt-4.1 takes no effort');
    await chat.selectModel('openai/gpt-5');
    assert.deepEqual(lastModels()?.effort, { levels: ['minimal', 'low', 'medium', 'high'], selected: null, settingsDefault: null });
    await chat.selectModel('o4-mini');
    assert.deepEqual(lastModels()?.effort?.levels, ['low', 'medium', 'high']);
    await chat.selectModel('gpt-5-chat-latest');
    assert.equal(lastModels()?.effort, null);
  });

  it('a choice is per model, in the chat state, and goes on the request; default sends none', async () => {
    await chat.selectModel('gpt-5');
    await chat.selectEffort('high');
    assert.equal(lastModels()?.effort?.selected, 'high');
    assert.deepEqual(kv.data.get(EFFORT_KEY), { 'gpt-5': 'high' });
    sim.enqueue(streamScenario(['ok']));
    await chat.ask({ prompt: 'think hard' });
    await chat.whenIdle();
    assert.equal(requests[0].reasoningEffort, 'high');

    await chat.selectModel('o3');
    assert.equal(lastModels()?.effort?.selected, null, 'another model keeps its own choice');
    sim.enqueue(streamScenario(['ok']));
    await chat.ask({ prompt: 'again' });
    await chat.whenIdle();
    assert.equal(requests[1].reasoningEffort, undefined);

    await chat.selectModel('gpt-5');
    await chat.selectEffort(null);
    assert.deepEqual(kv.data.get(EFFORT_KEY), {});
  });

  it("names the setting's level as the default, and a setting `reasoning: true` makes any model a reasoning one", async () => {
    chat.dispose();
    await host.client.close();
    start({ models: { 'house-thinker': { reasoning: true }, 'gpt-5': { reasoningEffort: 'low' } } });
    await chat.selectModel('house-thinker');
    assert.deepEqual(lastModels()?.effort, { levels: ['low', 'medium', 'high'], selected: null, settingsDefault: null });
    await chat.selectModel('gpt-5');
    assert.equal(lastModels()?.effort?.settingsDefault, 'low');
  });

  it('the answer meta carries cached and reasoning tokens and the cost at the cached price', async () => {
    await chat.selectModel('gpt-5');
    const usage = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 256 } };
    sim.enqueue(streamScenario(['Done.'], { usage }));
    await chat.ask({ prompt: 'hi' });
    await chat.whenIdle();
    const [finished] = log.of('messageFinished');
    assert.deepEqual(
      [finished.meta?.promptTokens, finished.meta?.cachedPromptTokens, finished.meta?.completionTokens, finished.meta?.reasoningTokens],
      [1200, 1024, 300, 256],
    );
    const expected = (176 * 1.25 + 1024 * 0.125 + 300 * 10) / 1e6;
    assert.ok(Math.abs((finished.meta?.costUsd ?? 0) - expected) < 1e-12);
    assert.deepEqual(host.costs, [finished.meta?.costUsd]);
  });

  it("hands the relay's published prices to the host when it fetches the model list", async () => {
    const seen: unknown[] = [];
    host.ctx.setPublishedModels = (models) => void seen.push(models);
    sim.enqueue({ body: JSON.stringify({ data: [{ id: 'qwen/qwen3-coder', context_length: 262144, pricing: { prompt: '0.00000022', completion: '0.00000095' } }] }) });
    await chat.refreshModels();
    assert.deepEqual(seen, [[{ id: 'qwen/qwen3-coder', pricing: { input: 0.22, output: 0.95 }, contextWindow: 262_144 }]]);
    assert.ok(lastModels()?.models.includes('qwen/qwen3-coder'));
  });
});
