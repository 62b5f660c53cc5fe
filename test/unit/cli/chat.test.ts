// The `chat` command as a user runs it: the bundled CLI in a child process against the simulator.
import * as assert from 'node:assert/strict';
import { DONE, chunk, completionScenario, errorScenario, sseEvent, streamScenario } from '../../support/sse';
import { SECRET_KEY, closedPort, runCli, useCliAndSimulator, type CliRun } from './harness';

const USAGE = { prompt_tokens: 10, completion_tokens: 4 };

describe('cli chat (child process)', function () {
  this.timeout(20_000);
  const s = useCliAndSimulator();

  const chat = (args: string[], opts: Parameters<typeof runCli>[1] = {}) => runCli(['chat', '--base-url', s.sim.url, ...args], opts);

  function assertFailure(run: CliRun, kind: string, partial = '') {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, partial);
    assert.match(run.stderr, new RegExp(`^error\\[${kind}\\]: \\S.*\\n$`));
  }

  describe('success', () => {
    it('streams the answer to stdout and nothing else, exit 0', async () => {
      s.sim.enqueue(streamScenario(['Hel', 'lo ', 'world']));
      const run = await chat(['hi']);
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'Hello world\n', '']);
      assert.equal(s.sim.requests[0].body.stream, true);
      assert.deepEqual(s.sim.requests[0].body.messages, [{ role: 'user', content: 'hi' }]);
    });

    it('uses the non-streaming path with --no-stream', async () => {
      s.sim.enqueue(completionScenario('Whole answer', USAGE));
      const run = await chat(['--no-stream', 'hi']);
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'Whole answer\n', '']);
      assert.equal(s.sim.requests[0].body.stream, false);
    });

    it('reads the prompt from stdin when no argument is given', async () => {
      s.sim.enqueue(streamScenario(['ok']));
      const run = await chat([], { stdin: 'prompt from\nstdin\n' });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(s.sim.requests[0].body.messages, [{ role: 'user', content: 'prompt from\nstdin\n' }]);
    });

    it('sends --system, --model, --max-tokens, --temperature and the extra headers', async () => {
      s.sim.enqueue(streamScenario(['ok']));
      const run = await chat(['--system', 'Be brief.', '--model', 'deepseek-v3.2', '--max-tokens', '64', '--temperature', '0.2', '--header', 'X-Team: blue', '--header', 'X-Trace: 42', 'hi']);
      assert.equal(run.code, 0, run.stderr);
      const req = s.sim.requests[0];
      assert.deepEqual(req.body.messages, [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ]);
      assert.equal(req.body.model, 'deepseek-v3.2');
      assert.equal(req.body.max_tokens ?? req.body.max_completion_tokens, 64);
      assert.equal(req.body.temperature, 0.2);
      assert.equal(req.headers['x-team'], 'blue');
      assert.equal(req.headers['x-trace'], '42');
    });

    it('takes the relay and key from RELAY_BASE_URL and RELAY_API_KEY, and sends no Authorization without a key', async () => {
      s.sim.enqueue(streamScenario(['a']), streamScenario(['b']));
      const withKey = await runCli(['chat', 'hi'], { env: { RELAY_BASE_URL: s.sim.url, RELAY_API_KEY: SECRET_KEY } });
      const withoutKey = await runCli(['chat', 'hi'], { env: { RELAY_BASE_URL: s.sim.url } });
      assert.deepEqual([withKey.code, withKey.stdout, withoutKey.code, withoutKey.stdout], [0, 'a\n', 0, 'b\n']);
      assert.equal(s.sim.requests[0].headers.authorization, `Bearer ${SECRET_KEY}`);
      assert.equal(s.sim.requests[1].headers.authorization, undefined);
    });

    it('counts retries: two 503s then an answer make attempts 3', async () => {
      const busy = errorScenario(503, { message: 'busy', type: 'server_error' }, { 'retry-after-ms': '1' });
      s.sim.enqueue(busy, busy, streamScenario(['done'], { usage: USAGE }));
      const run = await chat(['--json', '--retries', '2', 'hi']);
      assert.equal(run.code, 0, run.stdout);
      assert.equal(JSON.parse(run.stdout).attempts, 3);
      assert.equal(s.sim.requests.length, 3);
    });

    it('gives up after --retries N retries', async () => {
      const busy = errorScenario(503, { message: 'busy', type: 'server_error' }, { 'retry-after-ms': '1' });
      s.sim.enqueue(busy, busy, busy);
      const run = await chat(['--retries', '1', 'hi']);
      assertFailure(run, 'server');
      assert.equal(s.sim.requests.length, 2);
    });
  });

  describe('--json', () => {
    it('prints one object with every documented field after a streamed answer', async () => {
      s.sim.enqueue(streamScenario(['Hi', ' there'], { usage: USAGE, reasoning: ['think'] }));
      const run = await chat(['--json', '--model', 'gpt-4.1', 'hi']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim().split('\n').length, 1);
      const out = JSON.parse(run.stdout);
      assert.deepEqual(Object.keys(out).sort(), ['api', 'attempts', 'costEstimated', 'costUsd', 'durationMs', 'finishReason', 'model', 'reasoning', 'text', 'ttftMs', 'usage']);
      assert.equal(out.text, 'Hi there');
      assert.equal(out.reasoning, 'think');
      assert.equal(out.finishReason, 'stop');
      assert.deepEqual(out.usage, { promptTokens: 10, completionTokens: 4, totalTokens: 14, cachedPromptTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
      assert.equal(out.model, 'gpt-4.1');
      assert.equal(out.api, 'chat');
      assert.equal(out.attempts, 1);
      assert.equal(typeof out.ttftMs, 'number');
      assert.equal(typeof out.durationMs, 'number');
      assert.equal(out.costUsd, (10 * 2 + 4 * 8) / 1e6);
      assert.equal(out.costEstimated, false);
    });

    it('reports null reasoning, usage and ttft for a non-streamed answer without usage, and an estimated cost', async () => {
      s.sim.enqueue(completionScenario('Plain'));
      const out = JSON.parse((await chat(['--json', '--no-stream', 'hi'])).stdout);
      assert.deepEqual([out.text, out.reasoning, out.usage, out.ttftMs, out.costEstimated], ['Plain', null, null, null, true]);
      assert.equal(typeof out.costUsd, 'number');
    });

    it('prints {error, partialText} and exits 1 on failure', async () => {
      s.sim.enqueue(errorScenario(429, { message: 'slow down', type: 'rate_limit' }, { 'retry-after': '7' }));
      const run = await chat(['--json', '--retries', '0', 'hi']);
      assert.equal(run.code, 1);
      const out = JSON.parse(run.stdout);
      assert.deepEqual(Object.keys(out).sort(), ['error', 'partialText']);
      assert.deepEqual(Object.keys(out.error).sort(), ['kind', 'message', 'retryAfterMs', 'retryable', 'status']);
      assert.deepEqual([out.error.kind, out.error.status, out.error.retryable, out.error.retryAfterMs], ['rate_limit', 429, true, 7000]);
      assert.equal(out.partialText, '');
    });

    it('keeps the partial text of an interrupted stream in partialText', async () => {
      s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'Part' })), sseEvent(chunk({ content: 'ial' })), { end: true }] });
      const out = JSON.parse((await chat(['--json', '--retries', '0', 'hi'])).stdout);
      assert.deepEqual([out.error.kind, out.error.status, out.partialText], ['stream_interrupted', null, 'Partial']);
    });
  });

  describe('stream endings a user notices', () => {
    it('a finish reason then a cut connection is success (exit 0), finishReason reported', async () => {
      s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'Long answ' })), sseEvent(chunk({ finish: 'length' })), { end: true }] });
      const run = await chat(['--json', '--retries', '0', 'hi']);
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual([JSON.parse(run.stdout).text, JSON.parse(run.stdout).finishReason], ['Long answ', 'length']);
    });

    it('keep-alive comments and CRLF framing do not show up in the text', async () => {
      s.sim.enqueue({ steps: [': ping\r\n\r\n', sseEvent(chunk({ content: 'clean' }), { eol: '\r\n' }), ': PROCESSING\n\n', sseEvent(chunk({ content: ' text' })), DONE] });
      const run = await chat(['hi']);
      assert.deepEqual([run.code, run.stdout], [0, 'clean text\n']);
    });

    it('an error object in a 200 non-streaming body is an error, not an answer', async () => {
      s.sim.enqueue({ body: { error: { message: 'upstream failed', type: 'server_error' } } });
      const run = await chat(['--json', '--no-stream', '--retries', '0', 'hi']);
      assert.equal(run.code, 1);
      const out = JSON.parse(run.stdout);
      assert.deepEqual([out.error.kind, out.partialText], ['server', '']);
      assert.match(out.error.message, /upstream failed/);
    });

    it('a 429 for insufficient_quota is rate_limit but not retryable, and is not retried', async () => {
      s.sim.setResponder(() => errorScenario(429, { message: 'billing', type: 'insufficient_quota', code: 'insufficient_quota' }));
      const run = await chat(['--json', '--retries', '3', 'hi']);
      const out = JSON.parse(run.stdout);
      assert.deepEqual([run.code, out.error.kind, out.error.retryable, s.sim.requests.length], [1, 'rate_limit', false, 1]);
    });
  });

  describe('errors: exit 1, one stderr line, partial text kept on stdout', () => {
    const statuses: [number, string][] = [
      [400, 'bad_request'],
      [401, 'auth'],
      [403, 'auth'],
      [404, 'not_found'],
      [408, 'timeout'],
      [413, 'context_length'],
      [422, 'bad_request'],
      [429, 'rate_limit'],
      [500, 'server'],
      [529, 'overloaded'],
    ];
    for (const [status, kind] of statuses) {
      it(`HTTP ${status} -> error[${kind}]`, async () => {
        // Every request fails (a 400/422 to a stream is retried once without stream_options).
        s.sim.setResponder(() => errorScenario(status, { message: `status ${status}`, type: 'x' }));
        assertFailure(await chat(['--retries', '0', 'hi']), kind);
      });
    }

    it('context_length_exceeded code -> error[context_length]', async () => {
      s.sim.setResponder(() => errorScenario(400, { message: 'too long', code: 'context_length_exceeded' }));
      assertFailure(await chat(['--retries', '0', 'hi']), 'context_length');
    });

    it('a stream that ends without [DONE] or a finish reason -> error[stream_interrupted] with the text so far on stdout', async () => {
      s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'Half an ' })), sseEvent(chunk({ content: 'answer' })), { end: true }] });
      assertFailure(await chat(['--retries', '0', 'hi']), 'stream_interrupted', 'Half an answer');
    });

    it('an in-band error event mid-stream -> its kind, text so far kept', async () => {
      s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'Some ' })), sseEvent({ error: { message: 'upstream overloaded', type: 'overloaded_error' } }), DONE] });
      assertFailure(await chat(['--retries', '0', 'hi']), 'overloaded', 'Some ');
    });

    it('an idle gap longer than --idle-timeout-ms -> error[timeout], text so far kept', async () => {
      s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'Before the stall' })), { stall: true }] });
      assertFailure(await chat(['--retries', '0', '--idle-timeout-ms', '300', 'hi']), 'timeout', 'Before the stall');
    });

    it('no response headers within --timeout-ms -> error[timeout]', async () => {
      s.sim.enqueue({ delayMs: 5_000, steps: [DONE] });
      assertFailure(await chat(['--retries', '0', '--timeout-ms', '300', 'hi']), 'timeout');
    });

    it('an HTML page instead of an event stream -> error[protocol]', async () => {
      s.sim.enqueue({ headers: { 'content-type': 'text/html' }, body: '<html>Sign in to the network</html>' });
      assertFailure(await chat(['--retries', '0', 'hi']), 'protocol');
    });

    it('a non-streaming 2xx body that is not JSON -> error[protocol]', async () => {
      s.sim.enqueue({ body: 'not json' });
      assertFailure(await chat(['--retries', '0', '--no-stream', 'hi']), 'protocol');
    });

    it('nothing listening -> error[network]', async () => {
      const run = await runCli(['chat', '--base-url', `http://127.0.0.1:${await closedPort()}/v1`, '--retries', '0', 'hi']);
      assertFailure(run, 'network');
    });
  });

  describe('usage errors: exit 2, nothing on stdout', () => {
    const cases: [string, string[], string?][] = [
      ['an unknown option', ['--bogus', 'hi']],
      ['a missing option value', ['hi', '--model']],
      ['a temperature out of range', ['--temperature', '7', 'hi']],
      ['a bad --max-tokens', ['--max-tokens', 'lots', 'hi']],
      ['negative --retries', ['--retries=-1', 'hi']],
      ['a malformed --header', ['--header', 'no colon', 'hi']],
      ['an empty prompt on stdin', [], ''],
    ];
    for (const [what, args, stdin] of cases) {
      it(what, async () => {
        const run = await chat(args, { stdin });
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, /^error\[usage\]: /);
        assert.equal(s.sim.requests.length, 0);
      });
    }

    it('a base URL that is not http(s)', async () => {
      const run = await runCli(['chat', '--base-url', 'file:///etc', 'hi']);
      assert.deepEqual([run.code, run.stdout], [2, '']);
    });

    it('no command, or an unknown one', async () => {
      for (const args of [[], ['chatt']]) {
        const run = await runCli(args);
        assert.deepEqual([run.code, run.stdout], [2, '']);
        assert.match(run.stderr, /^error\[usage\]: .*\n[\s\S]*Commands:/);
      }
    });
  });

  describe('help', () => {
    it('chat --help documents every option, both output modes and the exit codes', async () => {
      const run = await runCli(['chat', '--help']);
      assert.equal(run.code, 0);
      const options = ['--base-url', 'RELAY_BASE_URL', '--api-key', 'RELAY_API_KEY', '--model', '--system', '--no-stream', '--json', '--max-tokens', '--temperature', '--timeout-ms', '--idle-timeout-ms', '--retries', '--header', '--help'];
      for (const word of options) assert.ok(run.stdout.includes(word), word);
      for (const word of ['error[<kind>]', 'partialText', 'costEstimated', 'stream_interrupted', 'Exit codes']) assert.ok(run.stdout.includes(word), word);
    });

    it('--help lists both commands', async () => {
      const run = await runCli(['--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /chat \[prompt\]/);
      assert.match(run.stdout, /review \[paths\.\.\.\]/);
    });
  });
});
