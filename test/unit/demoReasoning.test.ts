// The demo relay's reasoning model (gpt-5-mini) and Responses-only model (gpt-5-codex), as `npm start` serves them.
import { strict as assert } from 'node:assert';
import { createRelayClient, type RelayClient } from '../../src/core/relay';
import { demoResponder } from '../support/demo';
import { startSimulator, type Simulator } from '../support/simulator';

describe('demo relay: reasoning and Responses models, Claude prompt parts', () => {
  let sim: Simulator;
  let client: RelayClient;
  before(async () => {
    sim = await startSimulator();
    sim.setResponder(demoResponder({ deltaDelayMs: 0 }));
    client = createRelayClient({ baseUrl: sim.url });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  it('gpt-5-mini rejects temperature like OpenAI; the client sends none and gets cached and reasoning tokens', async () => {
    const raw = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }], temperature: 0 }) });
    assert.equal(raw.status, 400);
    assert.equal(((await raw.json()) as { error: { param: string } }).error.param, 'temperature');
    const r = await client.chat({ model: 'gpt-5-mini', stream: true, temperature: 0, messages: [{ role: 'user', content: 'hello demo' }] });
    assert.match(r.text, /Demo relay/);
    assert.equal(r.attempts, 1);
    assert.equal(r.usage?.totalTokens, (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0));
  });

  it('gpt-5-codex streams a reasoning summary and the answer over /responses', async () => {
    const r = await client.chat({ model: 'gpt-5-codex', stream: true, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello demo' }] });
    assert.equal(r.api, 'responses');
    assert.match(r.text, /Demo relay/);
    assert.match(r.reasoning ?? '', /reasoning model/);
    assert.ok((r.usage?.totalTokens ?? 0) > 0);
  });

  it('reads the text of content parts (claude-sonnet-4.5 gets cache_control marks)', async () => {
    const r = await client.chat({ model: 'claude-sonnet-4.5', stream: false, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello parts' }] });
    assert.ok(Array.isArray(sim.requests.at(-1)!.body.messages[1].content), 'sent as parts');
    assert.match(r.text, /You asked: \*hello parts\*/);
  });
});
