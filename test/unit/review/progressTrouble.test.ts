// Issue 22 item 14: with the relay unreachable, review progress says so, never "throttled by the
// relay: 0 in flight".
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { describeProgress } from '../../../src/cli/progress';
import { memoryIo } from '../../../src/cli/io';
import { runReview } from '../../../src/cli/review';
import { gitRepo } from './repo';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('review progress when the relay cannot be reached', () => {
  it('describeProgress names the failure instead of a throttle', () => {
    const line = describeProgress({ total: 5, done: 0, cached: 0, failed: 1, skipped: 0, findings: 0, trouble: { kind: 'network', waiting: 2 }, throttle: { inFlight: 0, concurrency: 1, requestsPerSecond: 12 } }, 5, 3000);
    assert.match(line, /Could not reach the relay \(network, DNS, proxy or TLS\): 2 request\(s\) waiting to retry/);
    assert.doesNotMatch(line, /throttled/);
    const throttled = describeProgress({ total: 5, done: 1, cached: 0, failed: 0, skipped: 0, findings: 0, trouble: { kind: 'rate_limit', waiting: 1 }, throttle: { inFlight: 2, concurrency: 2, requestsPerSecond: 1.5 } }, 5, 3000);
    assert.match(throttled, /throttled by the relay: 2 in flight, 1\.5 req\/s/);
  });

  it('the CLI on a closed port: progress lines say the relay cannot be reached, never "throttled by the relay: 0 in flight"', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`src/f${i}.ts`] = `export const v${i} = ${i};\n`;
    const dir = await gitRepo(files);
    const port = await closedPort();
    const io = memoryIo({ env: {} });
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const code = await runReview(['--base-url', `http://127.0.0.1:${port}/v1`, '--retries', '1', '--concurrency', '2', '--fail-on', 'never'], io);
      assert.equal(code, 3);
    } finally {
      process.chdir(previous);
      await rm(dir, { recursive: true, force: true });
    }
    const progress = io.err.split('\n').filter((l) => /^review: \d+\/\d+ files/.test(l));
    assert.ok(progress.length > 0, io.err);
    for (const l of progress) assert.doesNotMatch(l, /throttled by the relay/, l);
    assert.ok(progress.some((l) => /Could not reach the relay/.test(l)), io.err);
  });
});
