// The key never leaks through the CLI, and Ctrl+C ends a request cleanly.
import * as assert from 'node:assert/strict';
import type { RecordedRequest } from '../../support/simulator';
import { chunk, sseEvent, streamScenario } from '../../support/sse';
import { SECRET_KEY, runCli, useCliAndSimulator, type CliRun } from './harness';

/** What a careless relay would say back: the Authorization header it received, verbatim. */
function echoedAuth(req: RecordedRequest): string {
  return String(req.headers.authorization ?? '');
}

describe('cli chat: the API key never appears in any output', function () {
  this.timeout(20_000);
  const s = useCliAndSimulator();

  function assertNoKey(run: CliRun) {
    assert.ok(!run.stdout.includes(SECRET_KEY), `stdout leaks the key: ${run.stdout}`);
    assert.ok(!run.stderr.includes(SECRET_KEY), `stderr leaks the key: ${run.stderr}`);
  }

  const viaEnv = (args: string[]) => runCli(['chat', '--base-url', s.sim.url, '--retries', '0', ...args, 'hi'], { env: { RELAY_API_KEY: SECRET_KEY } });
  const viaArg = (args: string[]) => runCli(['chat', '--base-url', s.sim.url, '--retries', '0', '--api-key', SECRET_KEY, ...args, 'hi']);

  for (const [how, run] of [['RELAY_API_KEY', viaEnv], ['--api-key', viaArg]] as const) {
    for (const json of [false, true]) {
      const mode = json ? ['--json'] : [];
      it(`${how}${json ? ' --json' : ''}: an error message that echoes the key`, async () => {
        s.sim.setResponder((req) => ({ status: 401, body: { error: { message: `Invalid key: ${echoedAuth(req)}`, type: 'invalid_api_key' } } }));
        const result = await run(mode);
        assert.equal(result.code, 1);
        assert.ok(s.sim.requests[0].headers.authorization?.toString().includes(SECRET_KEY), 'the key was sent');
        assertNoKey(result);
      });

      it(`${how}${json ? ' --json' : ''}: a streamed answer that spells the key across deltas`, async () => {
        s.sim.setResponder((req) => {
          const auth = echoedAuth(req);
          return streamScenario(['your header was ', auth.slice(0, 12), auth.slice(12, 20), auth.slice(20), ' ok']);
        });
        const result = await run(mode);
        assert.equal(result.code, 0, result.stderr);
        assertNoKey(result);
        const text = json ? JSON.parse(result.stdout).text : result.stdout.replace(/\n$/, '');
        assert.equal(text, 'your header was Bearer *** ok');
      });

      it(`${how}${json ? ' --json' : ''}: a non-streamed answer and a cut stream that echo the key`, async () => {
        s.sim.enqueue({ body: { choices: [{ index: 0, message: { role: 'assistant', content: `key ${SECRET_KEY}` }, finish_reason: 'stop' }] } });
        s.sim.enqueue({ steps: [sseEvent(chunk({ content: `partial ${SECRET_KEY.slice(0, 5)}` })), sseEvent(chunk({ content: SECRET_KEY.slice(5) })), { end: true }] });
        const whole = await run([...mode, '--no-stream']);
        const cut = await run(mode);
        assert.deepEqual([whole.code, cut.code], [0, 1]);
        assertNoKey(whole);
        assertNoKey(cut);
      });
    }
  }

  it('a usage error does not repeat the key', async () => {
    const result = await runCli(['chat', '--api-key', SECRET_KEY, `--unknown=${SECRET_KEY}`, 'hi']);
    assert.equal(result.code, 2);
    assertNoKey(result);
  });
});

describe('cli chat: Ctrl+C', function () {
  this.timeout(20_000);
  const s = useCliAndSimulator();

  it('aborts the request, closes the connection and keeps the partial text on stdout', async () => {
    s.sim.reset();
    s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'Partial answer' })), { stall: true }] });
    let closed: Promise<void> | undefined;
    const run = await runCli(['chat', '--base-url', s.sim.url, 'hi'], {
      onSpawn: (child, firstOutput) =>
        // Interrupt once the first delta is on stdout.
        void firstOutput.then(() => {
          closed = s.sim.waitForClose();
          child.kill('SIGINT');
        }),
    });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, 'Partial answer');
    assert.match(run.stderr, /^error\[cancelled\]: .+\n$/);
    assert.ok(closed, 'interrupted');
    await closed;
  });

  it('with --json, prints the cancelled error object', async () => {
    s.sim.reset();
    let requested!: () => void;
    const seen = new Promise<void>((r) => (requested = r));
    s.sim.setResponder(() => {
      requested();
      return { steps: [sseEvent(chunk({ content: 'Partial' })), { stall: true }] };
    });
    const run = await runCli(['chat', '--base-url', s.sim.url, '--json', 'hi'], {
      onSpawn: (child) => void seen.then(() => child.kill('SIGINT')),
    });
    assert.equal(run.code, 1, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.error.kind, 'cancelled');
    // The delta may or may not have arrived before the interrupt; what arrived is kept, nothing else.
    assert.ok('Partial'.startsWith(out.partialText), out.partialText);
  });
});
