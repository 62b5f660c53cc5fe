// runCli / runChat in-process with memoryIo, the way other commands' tests drive the CLI.
import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import { memoryIo } from '../../../src/cli/io';
import { startSimulator, type Simulator } from '../../support/simulator';
import { chunk, sseEvent, streamScenario } from '../../support/sse';

describe('cli in-process (memoryIo)', () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator()));
  after(() => sim.close());
  beforeEach(() => sim.reset());

  it('streams an answer into the io and exits 0', async () => {
    sim.enqueue(streamScenario(['in ', 'process']));
    const io = memoryIo({ env: { RELAY_BASE_URL: sim.url } });
    assert.equal(await runCli(['chat', 'hi'], io), 0);
    assert.deepEqual([io.out, io.err], ['in process\n', '']);
  });

  it('ends a terminal answer with a newline (a pipe gets one too)', async () => {
    sim.enqueue(streamScenario(['no newline']));
    const io = memoryIo({ env: { RELAY_BASE_URL: sim.url }, stdoutIsTTY: true });
    assert.equal(await runCli(['chat', 'hi'], io), 0);
    assert.equal(io.out, 'no newline\n');
  });

  it('reads the prompt from the io stdin', async () => {
    sim.enqueue(streamScenario(['ok']));
    const io = memoryIo({ env: { RELAY_BASE_URL: sim.url }, stdin: 'piped prompt' });
    assert.equal(await runCli(['chat'], io), 0);
    assert.equal(sim.requests[0].body.messages[0].content, 'piped prompt');
  });

  it('refuses to wait for a prompt on a terminal stdin (usage error)', async () => {
    const io = memoryIo({ env: { RELAY_BASE_URL: sim.url } });
    assert.equal(await runCli(['chat'], io), 2);
    assert.match(io.err, /^error\[usage\]: no prompt/);
    assert.equal(sim.requests.length, 0);
  });

  it('interrupt() cancels a streaming answer and keeps what was shown', async () => {
    let delivered!: () => void;
    const firstDelta = new Promise<void>((r) => (delivered = r));
    sim.enqueue({ steps: [sseEvent(chunk({ content: 'shown' })), { stall: true }] });
    const io = memoryIo({ env: { RELAY_BASE_URL: sim.url } });
    const stdout = io.stdout;
    io.stdout = (text) => {
      stdout(text);
      if (text) delivered();
    };
    const exit = runCli(['chat', 'hi'], io);
    await firstDelta;
    const closed = sim.waitForClose();
    io.interrupt();
    assert.equal(await exit, 1);
    assert.equal(io.out, 'shown');
    assert.match(io.err, /^error\[cancelled\]: /);
    await closed;
  });

  it('dispatches review to the review command (not to the unknown-command path)', async () => {
    const io = memoryIo();
    await runCli(['review', '--help'], io);
    assert.doesNotMatch(io.err, /unknown command|no command given/);
    assert.ok(io.out.length + io.err.length > 0);
  });
});
