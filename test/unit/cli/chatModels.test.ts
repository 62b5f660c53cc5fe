// `chat` with today's models: --max-tokens on every family, --reasoning-effort, --price, the JSON
// fields for cached / reasoning tokens, the wire and every request sent.
import * as assert from 'node:assert/strict';
import { priceOption } from '../../../src/cli/args';
import { memoryIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { reasoningResponder } from '../../support/reasoningRelay';
import { startSimulator, type Simulator } from '../../support/simulator';
import { completion } from '../../support/sse';

describe('cli chat with reasoning and Responses models', () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator()));
  after(() => sim.close());
  beforeEach(() => {
    sim.reset();
    sim.setResponder(reasoningResponder({ isReasoning: (m) => m === 'gpt-5' || m.startsWith('acme') }));
  });

  const chat = async (...args: string[]) => {
    const io = memoryIo({ env: { RELAY_BASE_URL: sim.url } });
    const code = await runCli(['chat', ...args], io);
    return { code, out: io.out, err: io.err };
  };

  it('--max-tokens on gpt-5 goes as max_completion_tokens; --reasoning-effort as reasoning_effort', async () => {
    const r = await chat('--model', 'gpt-5', '--max-tokens', '100', '--temperature', '0', '--reasoning-effort', 'minimal', 'hi');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'Echo: hi\n');
    assert.equal(sim.requests.length, 1);
    assert.deepEqual([sim.requests[0].body.max_completion_tokens, sim.requests[0].body.max_tokens, sim.requests[0].body.temperature, sim.requests[0].body.reasoning_effort], [100, undefined, undefined, 'minimal']);
  });

  it('--json: usage has cached / cache-write / reasoning counts (0 when none), api, and attempts counts the learning retry', async () => {
    const r = await chat('--json', '--model', 'acme-1', '--max-tokens', '50', 'hi');
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.equal(out.api, 'chat');
    assert.equal(out.attempts, 2);
    assert.deepEqual(Object.keys(out.usage).sort(), ['cacheWriteTokens', 'cachedPromptTokens', 'completionTokens', 'promptTokens', 'reasoningTokens', 'totalTokens']);
    for (const v of Object.values(out.usage)) assert.equal(typeof v, 'number');
    assert.equal(out.usage.cacheWriteTokens, 0);
    const codex = JSON.parse((await chat('--json', '--no-stream', '--model', 'gpt-5-codex', 'hi')).out);
    assert.deepEqual([codex.api, codex.text, codex.attempts], ['responses', 'Echo: hi', 1]);
  });

  it('--price IN/OUT[/CACHED[/WRITE]] prices a model the table does not know', async () => {
    sim.setResponder(() => ({ body: completion('ok', { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 }) }));
    const out = JSON.parse((await chat('--json', '--no-stream', '--model', 'house-model', '--price', '2/8', 'hi')).out);
    assert.equal(out.costUsd, 10);
    assert.deepEqual(priceOption('1.25/10/0.125/1.5'), { input: 1.25, output: 10, cachedInput: 0.125, cacheWrite: 1.5 });
    assert.deepEqual(priceOption(' 0.27 / 1.10 '), { input: 0.27, output: 1.1 });
    for (const bad of ['1', '1/2/3/4/5', 'a/b', '1/-2', '']) assert.throws(() => priceOption(bad), /--price must look like/);
  });

  it('bad --reasoning-effort or --price is a usage error', async () => {
    const effort = await chat('--reasoning-effort', 'extreme', 'hi');
    assert.equal(effort.code, 2);
    assert.match(effort.err, /--reasoning-effort must be one of none, minimal, low, medium, high, xhigh/);
    const price = await chat('--price', 'cheap', 'hi');
    assert.equal(price.code, 2);
    assert.equal(sim.requests.length, 0);
  });
});
