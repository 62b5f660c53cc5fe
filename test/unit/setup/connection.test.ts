// The connection test of Choose Relay against the simulator on loopback: what it reports for a
// relay that works, a wrong key, a wrong path (and the URL that answers), a closed port and a
// model the relay does not offer. What the relay received is checked as well.
import * as assert from 'node:assert/strict';
import { createRelayClient } from '../../../src/core/relay';
import { testConnection, type ConnectionInput } from '../../../src/core/setup/connection';
import { wrongPathCandidates } from '../../../src/core/setup/diagnose';
import { reportSummary } from '../../../src/core/setup/report';
import { startSimulator, type Simulator } from '../../support/simulator';
import { closedPort, serveSetupRelay, withoutV1 } from '../../support/setupRelay';

const KEY = ['setup', 'test', 'key', '4d2'].join('-');

function input(baseUrl: string, key: string | undefined, model = 'sim-model', extra: Partial<ConnectionInput> = {}): ConnectionInput {
  return { baseUrl, hasKey: !!key, model, connect: (url) => createRelayClient({ baseUrl: url, apiKey: key, maxRetries: 0 }), ...extra };
}

describe('setup: connection test', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  it('a working relay: reachable with its latency, key accepted, its models, streaming OK', async () => {
    serveSetupRelay(sim, { key: KEY });
    const r = await testConnection(input(sim.url, KEY));
    assert.equal(r.ok, true, r.problem?.text);
    assert.deepEqual(r.models, ['sim-model', 'sim-large']);
    assert.equal(r.keyAccepted, true);
    assert.equal(r.streaming, true);
    assert.ok(r.latencyMs !== null && r.firstTokenMs !== null);
    assert.match(reportSummary(r), /^Connected to 127\.0\.0\.1:\d+ \(\d+ ms\): key accepted, 2 models, streaming OK \(first token \d+ ms, sim-model\)\.$/);
    const post = sim.requests.find((q) => q.method === 'POST')!;
    assert.equal(post.body.stream, true);
    assert.equal(post.body.model, 'sim-model');
    assert.deepEqual(sim.requests.map((q) => `${q.method} ${q.path}`), ['GET /v1/models', 'POST /v1/chat/completions']);
  });

  it('a wrong key: the relay rejected it, the fix is Set API Key (and no completion is tried)', async () => {
    serveSetupRelay(sim, { key: KEY });
    const r = await testConnection(input(sim.url, 'not-the-key'));
    assert.equal(r.ok, false);
    assert.equal(r.problem?.fix, 'setApiKey');
    assert.match(r.problem!.text, /rejected the API key \(HTTP 401\): set the key for http:\/\/127\.0\.0\.1:\d+ again/);
    assert.equal(sim.requests.filter((q) => q.method === 'POST').length, 0);
  });

  it('no key where one is needed: says the relay needs one', async () => {
    serveSetupRelay(sim, { key: KEY });
    const r = await testConnection(input(sim.url, undefined));
    assert.equal(r.problem?.fix, 'setApiKey');
    assert.match(r.problem!.text, /needs an API key \(HTTP 401\), and none is set/);
  });

  it('a base URL without /v1: 404, and the URL that answers is offered ("did you mean …/v1?")', async () => {
    serveSetupRelay(sim);
    const r = await testConnection(input(withoutV1(sim), undefined));
    assert.equal(r.ok, false);
    assert.equal(r.problem?.fix, 'useSuggestedUrl');
    assert.equal(r.problem?.suggestedBaseUrl, sim.url);
    assert.match(r.problem!.text, /has no OpenAI API \(HTTP 404\); the relay answers at http:\/\/127\.0\.0\.1:\d+\/v1\. Did you mean http:\/\/127\.0\.0\.1:\d+\/v1\?/);
  });

  it('a closed port: nothing listening, said once, the fix is Choose Relay (a local preset says how to start it)', async () => {
    const port = await closedPort();
    const r = await testConnection(input(`http://127.0.0.1:${port}/v1`, undefined));
    assert.equal(r.ok, false);
    assert.equal(r.latencyMs, null);
    assert.equal(r.problem?.fix, 'chooseRelay');
    assert.equal(r.problem?.text, `Nothing is listening at 127.0.0.1:${port} (connection refused): start the server there, or choose another relay.`);
    const local = await testConnection(input(`http://127.0.0.1:${port}/v1`, undefined, 'm', { startHint: 'LM Studio is not running: start the server in LM Studio' }));
    assert.equal(local.problem?.fix, 'retry');
    assert.match(local.problem!.text, /connection refused\): LM Studio is not running: start the server in LM Studio, then Retry\.$/);
  });

  it('the configured model is not offered: tested with one that is, and the summary says to choose one', async () => {
    serveSetupRelay(sim, { models: ['llama3.2:latest', 'qwen2.5-coder:7b'] });
    const r = await testConnection(input(sim.url, undefined, 'gpt-4.1'));
    assert.equal(r.ok, true, r.problem?.text);
    assert.equal(r.modelOffered, false);
    assert.equal(r.testedModel, 'llama3.2:latest');
    assert.match(reportSummary(r), /no key needed, 2 models, streaming OK.*Your model is not offered here \(tested with llama3\.2:latest\): choose one\./);
  });

  it('cancelling stops the test (the socket is closed, nothing is reported as a relay problem)', async () => {
    sim.setResponder(() => ({ steps: [{ stall: true }] }));
    const abort = new AbortController();
    const running = testConnection(input(sim.url, undefined, 'm', { signal: abort.signal }));
    await new Promise<void>((r) => {
      const check = () => (sim.inFlight > 0 ? r() : setTimeout(check, 5));
      check();
    });
    abort.abort();
    const r = await running;
    assert.equal(r.ok, false);
    assert.equal(r.problem?.error.kind, 'cancelled');
  });

  it('wrong path candidates: /v1 added, a doubled /v1 or the root /v1', () => {
    assert.deepEqual(wrongPathCandidates('http://localhost:11434'), ['http://localhost:11434/v1']);
    assert.deepEqual(wrongPathCandidates('https://openrouter.ai/api'), ['https://openrouter.ai/api/v1', 'https://openrouter.ai/v1']);
    assert.deepEqual(wrongPathCandidates('https://x.example/v1/v1'), ['https://x.example/v1']);
    assert.deepEqual(wrongPathCandidates('https://x.example/v1'), []);
  });
});
