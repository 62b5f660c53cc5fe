// The gateway tier: Portkey's open-source AI gateway (npm @portkey-ai/gateway, in a child process
// on 127.0.0.1) in front of simulated Anthropic and Gemini APIs, driven through our client and CLI
// as a new user would. Skipped, with the reason, when the gateway cannot start here.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { createRelayClient, type RelayClientOptions, type RelayError } from '../../../src/core/relay';
import type { JsonReport } from '../../../src/core/review';
import { answerFor } from '../../support/demo';
import { startPortkey, type Gateway } from '../../support/gateway/portkey';
import { anthropicUpstream, geminiUpstream } from '../../support/providerUpstreams';
import { startSimulator, type Simulator } from '../../support/simulator';
import { writeTree } from '../review/repo';

const KEY = 'sk-ant-upstream.fake.0123456789';

describe('through Portkey\'s gateway (@portkey-ai/gateway)', function () {
  this.timeout(60_000);
  let gateway: Gateway;
  let anthropic: Simulator;
  let gemini: Simulator;

  before(async function () {
    const started = await startPortkey();
    if (typeof started === 'string') {
      console.log(`      skipped: ${started}`);
      this.skip();
    }
    gateway = started as Gateway;
    anthropic = await startSimulator();
    gemini = await startSimulator();
  });
  after(async () => {
    await gateway?.close();
    await anthropic?.close();
    await gemini?.close();
  });
  beforeEach(() => {
    anthropic?.reset();
    gemini?.reset();
  });

  const anthropicHeaders = () => ['--header', 'x-portkey-provider: anthropic', '--header', `x-portkey-custom-host: ${anthropic.url}`];
  const cli = async (...args: string[]) => {
    const io = memoryIo({ env: { RELAY_API_KEY: KEY } });
    const code = await runCli([...args.slice(0, 1), '--base-url', gateway.url, ...args.slice(1)], io);
    return { code, out: io.out, err: io.err };
  };
  const client = (provider: 'anthropic' | 'google', o: Partial<RelayClientOptions> = {}) => {
    const host = provider === 'anthropic' ? anthropic.url : gemini.url.replace(/\/v1$/, '');
    // strict OpenAI compliance off: the gateway passes the provider's finish reasons through.
    const headers = { 'x-portkey-provider': provider, 'x-portkey-custom-host': host, 'x-portkey-strict-open-ai-compliance': 'false' };
    return createRelayClient({ baseUrl: gateway.url, apiKey: KEY, headers, retryBaseMs: 1, env: {}, ...o });
  };

  it('an error names the provider as the gateway wrote it (x-portkey-provider is no secret), the key stays hidden', async () => {
    anthropic.setResponder(anthropicUpstream({ reject: () => `messages: roles must alternate (key ${KEY})` }));
    const r = await cli('chat', ...anthropicHeaders(), '--model', 'claude-sonnet-4.5', '--max-tokens', '50', '--retries', '0', 'hi');
    assert.equal(r.code, 1);
    assert.match(r.err, /^error\[bad_request\]: .*anthropic error: messages: roles must alternate/);
    assert.ok(!r.err.includes(KEY), 'the key is masked');
    assert.ok(!r.err.includes('*** error'), 'the provider name is not masked');
  });

  it('an unrelated 400 on a stream reaches the upstream once with --retries 0 (no stream_options retry)', async () => {
    anthropic.setResponder(anthropicUpstream({ reject: () => 'messages: roles must alternate' }));
    const r = await cli('chat', ...anthropicHeaders(), '--model', 'claude-sonnet-4.5', '--max-tokens', '50', '--retries', '0', 'hi');
    assert.equal(r.code, 1);
    assert.equal(anthropic.requests.length, 1);
  });

  it('Anthropic requires max_tokens: chat learns it in one retry; a review sends it on every request', async () => {
    anthropic.setResponder(anthropicUpstream({ answer: answerFor }));
    const chat = await cli('chat', ...anthropicHeaders(), '--model', 'claude-sonnet-4.5', '--json', 'hi');
    assert.equal(chat.code, 0, chat.err);
    assert.equal(JSON.parse(chat.out).attempts, 2);
    assert.deepEqual(anthropic.requests.map((q) => typeof q.body.max_tokens), ['undefined', 'number']);

    anthropic.reset();
    anthropic.setResponder(anthropicUpstream({ answer: answerFor }));
    const ws = await mkdtemp(join(tmpdir(), 'review-portkey-'));
    try {
      await writeTree(ws, { 'a.ts': 'const a = 1;\n// TODO: a\n', 'b.ts': 'const b = 2;\n// TODO: b\n', 'c.py': 'x = 1  # TODO c\n' });
      const previous = process.cwd();
      process.chdir(ws);
      let review;
      try {
        review = await cli('review', ...anthropicHeaders(), '--model', 'claude-haiku-4.5', '--retries', '0', '--format', 'json', '--fail-on', 'never');
      } finally {
        process.chdir(previous);
      }
      assert.equal(review.code, 0, review.err);
      const report = JSON.parse(review.out) as JsonReport;
      assert.equal(report.summary.reviewed, 3);
      assert.equal(report.summary.findings, 3);
      assert.equal(anthropic.requests.length, 3, 'one upstream request per file');
      assert.ok(anthropic.requests.every((q) => typeof q.body.max_tokens === 'number' && q.body.max_tokens > 0));
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  });

  it('finish reasons end_turn, STOP and tool_use are normalised, streamed or not', async () => {
    anthropic.setResponder(anthropicUpstream());
    gemini.setResponder(geminiUpstream({ finish: 'STOP' }));
    const ask = (stream: boolean) => ({ model: 'any', stream, maxTokens: 50, messages: [{ role: 'user' as const, content: 'hi' }] });
    for (const stream of [false, true]) {
      const a = client('anthropic');
      const g = client('google');
      try {
        const ra = await a.chat({ ...ask(stream), model: 'claude-sonnet-4.5' });
        assert.deepEqual([ra.text, ra.finishReason], ['Hello from Anthropic', 'stop'], `anthropic stream=${stream}`);
        const rg = await g.chat({ ...ask(stream), model: 'gemini-2.5-flash' });
        assert.deepEqual([rg.text, rg.finishReason], ['Hello from Gemini', 'stop'], `gemini stream=${stream}`);
      } finally {
        await a.close();
        await g.close();
      }
    }
    anthropic.setResponder(anthropicUpstream({ toolUse: { id: 'toolu_1', name: 'read_file', input: { path: 'a.ts' } } }));
    const t = client('anthropic');
    try {
      const r = await t.chat({ ...ask(true), model: 'claude-sonnet-4.5', tools: [{ name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }] });
      assert.equal(r.finishReason, 'tool_calls');
      assert.deepEqual([r.toolCalls[0]?.name, JSON.parse(r.toolCalls[0]?.arguments ?? 'null')], ['read_file', { path: 'a.ts' }]);
    } finally {
      await t.close();
    }
  });

  it('an Anthropic error event mid-stream (finish reason overloaded_error) is an error, not success', async () => {
    anthropic.setResponder(anthropicUpstream({ streamError: 'overloaded_error' }));
    const c = client('anthropic', { maxRetries: 0 });
    try {
      const e = await c.chat({ model: 'claude-sonnet-4.5', stream: true, maxTokens: 50, messages: [{ role: 'user', content: 'hi' }] }).then(
        () => assert.fail('expected a failure'),
        (err: RelayError) => err,
      );
      assert.equal(e.kind, 'overloaded');
      assert.equal(e.partialText, 'Hello from Anthropic');
    } finally {
      await c.close();
    }
    const r = await cli('chat', ...anthropicHeaders(), '--model', 'claude-sonnet-4.5', '--max-tokens', '50', '--retries', '0', 'hi');
    assert.equal(r.code, 1);
    assert.match(r.err, /^error\[overloaded\]/m);
  });
});
