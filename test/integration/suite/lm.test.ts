// The relay's models in VS Code's language model API, seen from another extension (the consumer
// fixture test/fixtures/extensions/lm-consumer, loaded next to ours): selectChatModels lists them,
// a request with one tool gets a tool call, the tool's result goes back, the answer streams, and
// cancelling closes the socket. What the loopback relays received is the evidence. Only on a VS Code
// with registerLanguageModelChatProvider (1.104+); skipped, with the reason, elsewhere.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { KEY_TEST_HOOKS_COMMAND, type KeyTestHooks } from '../../../src/features/keyCommands';
import { startSimulator, type RecordedRequest, type Simulator } from '../../support/simulator';
import { DONE, chunk, modelList, sseEvent, streamScenario } from '../../support/sse';

const HAS_API = typeof (vscode.lm as unknown as Record<string, unknown>).registerLanguageModelChatProvider === 'function';
// Made up at run time: recognisable if they leak, never a literal that passes for a key.
const OWN_KEY = ['lm', 'own', 'key', Date.now().toString(36), 'k4'].join('-');
const OTHER_KEY = ['lm', 'other', 'key', Date.now().toString(36), 'p9'].join('-');

interface SeenModel {
  id: string;
  name: string;
  vendor: string;
  family: string;
  version: string;
  maxInputTokens: number;
}

interface Round {
  pieces: string[];
  calls: { callId: string; name: string; input: unknown }[];
}

interface RunResult {
  model: string;
  tokens: number;
  first: Round;
  second: Round | null;
}

const config = () => vscode.workspace.getConfiguration('relayAssistant');
const posts = (sim: Simulator) => sim.requests.filter((r) => r.method === 'POST');
const headerValues = (r: RecordedRequest) => Object.values(r.headers).flat().join('\n');

async function until<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  while (true) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function setKey(key: string): Promise<void> {
  const win = vscode.window as unknown as { showInputBox: typeof vscode.window.showInputBox };
  const original = win.showInputBox;
  win.showInputBox = (async () => key) as typeof vscode.window.showInputBox;
  try {
    await vscode.commands.executeCommand('relayAssistant.setApiKey');
  } finally {
    win.showInputBox = original;
  }
}

/** DeepSeek-style reasoning_content streamed with the tool call: never shown as text, sent back with the call. */
const REASONING = 'The user wants the weather in Paris: call the tool.';

/** The weather tool round: a tool call first; once the request carries the tool's result, the answer in pieces. */
function weatherRelay(req: RecordedRequest) {
  if (req.method === 'GET') return { body: modelList(['sim-tools', 'gpt-4.1']) };
  const messages = (req.body?.messages ?? []) as { role: string }[];
  if (!messages.some((m) => m.role === 'tool')) {
    return {
      steps: [
        sseEvent(chunk({ reasoning: REASONING })),
        sseEvent(chunk({ toolCalls: [{ index: 0, id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }] })),
        sseEvent(chunk({ toolCalls: [{ index: 0, function: { arguments: '"Paris"}' } }] })),
        sseEvent(chunk({ finish: 'tool_calls', usage: { prompt_tokens: 50, completion_tokens: 10 } })),
        DONE,
      ],
    };
  }
  return streamScenario(['It is ', '21 °C ', 'in Paris.'], { usage: { prompt_tokens: 80, completion_tokens: 8 } });
}

(HAS_API ? describe : describe.skip)('lm: the relay\'s models in VS Code\'s language model API', function () {
  this.timeout(90_000);
  let own: Simulator;
  let other: Simulator;
  let keys: KeyTestHooks;

  before(async () => {
    own = await startSimulator();
    other = await startSimulator();
    await vscode.extensions.getExtension('relay-assistant.relay-assistant')?.activate();
    keys = (await vscode.commands.executeCommand<KeyTestHooks>(KEY_TEST_HOOKS_COMMAND))!;
    await keys.clearAll();
    // A key stored for another relay first (the one the user used before), then the relay in use with its own key.
    await config().update('baseUrl', other.url, vscode.ConfigurationTarget.Global);
    await setKey(OTHER_KEY);
    await config().update('baseUrl', own.url, vscode.ConfigurationTarget.Global);
    await setKey(OWN_KEY);
    await config().update('model', 'sim-tools', vscode.ConfigurationTarget.Global);
    await config().update('maxRetries', 0, vscode.ConfigurationTarget.Global);
    own.setResponder(weatherRelay);
    other.setResponder(weatherRelay);
    other.reset();
    other.setResponder(weatherRelay);
  });

  after(async () => {
    await keys?.clearAll();
    for (const key of ['baseUrl', 'model', 'maxRetries', 'models']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await own?.close();
    await other?.close();
  });

  it('another extension\'s selectChatModels lists the relay\'s models with their limits', async () => {
    const models = await until('the relay models in selectChatModels', async () => {
      const seen = await vscode.commands.executeCommand<SeenModel[]>('lmConsumer.list');
      return seen?.some((m) => m.id === 'gpt-4.1') ? seen : undefined;
    });
    const gpt = models.find((m) => m.id === 'gpt-4.1')!;
    assert.equal(gpt.vendor, 'relay-assistant');
    assert.equal(gpt.family, 'gpt-4.1');
    assert.equal(gpt.maxInputTokens, 1_047_576 - 32_768);
    assert.ok(models.some((m) => m.id === 'sim-tools'), JSON.stringify(models));
    assert.ok(own.requests.some((r) => r.method === 'GET' && r.path.endsWith('/models')), 'the model list came from the relay');
  });

  it('a request with one tool gets a tool call; the tool\'s result goes back after the call; the answer streams; the key goes only to its relay', async () => {
    own.reset();
    own.setResponder(weatherRelay);
    const result = await vscode.commands.executeCommand<RunResult>('lmConsumer.run', { model: 'sim-tools', prompt: 'Weather in Paris?', toolResult: '21 °C and sunny' });
    assert.deepEqual(result.first.calls, [{ callId: 'call_w1', name: 'get_weather', input: { city: 'Paris' } }]);
    assert.deepEqual(result.first.pieces, []);
    assert.deepEqual(result.second?.pieces, ['It is ', '21 °C ', 'in Paris.'], 'the final answer arrives piece by piece');
    assert.equal(result.tokens, 100, 'provideTokenCount: ~4 characters a token, computed locally');
    const [first, second] = posts(own);
    assert.equal(posts(own).length, 2);
    assert.equal(first.body.model, 'sim-tools');
    assert.equal(first.body.stream, true);
    // the order of the second request: the question, the assistant turn with the call, the tool's result
    assert.deepEqual((second.body.messages as { role: string }[]).map((m) => m.role), ['user', 'assistant', 'tool']);
    assert.match(JSON.stringify(second.body.messages[2]), /21 °C and sunny/);
    for (const r of own.requests) {
      assert.ok(headerValues(r).includes(OWN_KEY), `${r.method} ${r.path} carries the relay's own key`);
      assert.ok(!headerValues(r).includes(OTHER_KEY));
    }
    assert.equal(other.requests.length, 0, 'the other relay receives nothing');
  });

  // Needs the relay client's wire for tools (the "relay" branch): tools, tool_calls, reasoning_content and tool_call_id on the wire.
  it('puts the tool, the tool_calls turn (with its reasoning_content) and the tool message on the wire in chat-completions shape', async () => {
    own.reset();
    own.setResponder(weatherRelay);
    await vscode.commands.executeCommand<RunResult>('lmConsumer.run', { model: 'sim-tools', prompt: 'Weather in Paris?', toolResult: '21 °C and sunny' });
    const [first, second] = posts(own);
    assert.deepEqual(first.body.tools, [
      { type: 'function', function: { name: 'get_weather', description: 'Current weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
    ]);
    const [, assistant, tool] = second.body.messages as Record<string, unknown>[];
    assert.deepEqual(assistant.tool_calls, [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    assert.equal(assistant.reasoning_content, REASONING);
    assert.equal(tool.tool_call_id, 'call_w1');
    assert.equal(tool.content, '21 °C and sunny');
  });

  it('cancelling mid-stream closes the socket to the relay', async () => {
    own.reset();
    own.setResponder((req) => (req.method === 'GET' ? { body: modelList(['sim-tools']) } : { steps: [sseEvent(chunk({ content: 'A long ' })), { stall: true }] }));
    const closed = own.waitForClose();
    const result = await vscode.commands.executeCommand<{ pieces: string[]; ended: string; cancelled: boolean }>('lmConsumer.cancel', { model: 'sim-tools', prompt: 'Tell me a long story' });
    await closed;
    assert.deepEqual(result.pieces, ['A long ']);
    assert.ok(result.cancelled);
    assert.equal(own.inFlight, 0);
  });

  it('without a key for a remote relay, VS Code\'s background look-up gets no relay models and nobody is asked for a key', async () => {
    const win = vscode.window as unknown as { showInputBox: typeof vscode.window.showInputBox };
    const original = win.showInputBox;
    let asked = 0;
    win.showInputBox = (async () => void asked++) as typeof vscode.window.showInputBox;
    try {
      // A relay that is not on this machine and has no key (nothing is sent there: the look-up stops first).
      await config().update('baseUrl', 'https://relay.invalid/v1', vscode.ConfigurationTarget.Global);
      await until('the relay models gone from selectChatModels', async () => {
        const seen = await vscode.commands.executeCommand<SeenModel[]>('lmConsumer.list');
        return seen && !seen.some((m) => m.vendor === 'relay-assistant') ? seen : undefined;
      });
      assert.equal(asked, 0, 'a silent look-up never prompts');
    } finally {
      win.showInputBox = original;
      await config().update('baseUrl', own.url, vscode.ConfigurationTarget.Global);
    }
  });

  it('lists a model added to relayAssistant.models (the provider tells VS Code its list changed)', async () => {
    await config().update('models', { 'added-model': { contextWindow: 16_000, maxOutputTokens: 4_000 } }, vscode.ConfigurationTarget.Global);
    const added = await until('the added model in selectChatModels', async () => {
      const seen = await vscode.commands.executeCommand<SeenModel[]>('lmConsumer.list');
      return seen?.find((m) => m.id === 'added-model');
    });
    assert.equal(added.maxInputTokens, 12_000);
  });
});

if (!HAS_API) {
  describe('lm: the relay\'s models in VS Code\'s language model API', () => {
    it(`is skipped: VS Code ${vscode.version} has no vscode.lm.registerLanguageModelChatProvider (1.104+)`, function () {
      this.skip();
    });
  });
}
