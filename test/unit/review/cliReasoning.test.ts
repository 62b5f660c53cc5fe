// `review` on a relay that follows OpenAI's rules for reasoning models: every file reviewed, one
// request per file for a known family, at most one wave of learning for an unknown id.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../../src/cli/io';
import { runReview } from '../../../src/cli/review';
import type { JsonReport } from '../../../src/core/review';
import { answerFor } from '../../support/demo';
import { reasoningResponder } from '../../support/reasoningRelay';
import { startSimulator, type Simulator } from '../../support/simulator';
import { writeTree } from './repo';

const FILES = 7;
const CONCURRENCY = 3;

describe('review CLI on reasoning models', () => {
  let sim: Simulator;
  let ws: string;

  before(async () => {
    sim = await startSimulator();
    ws = await mkdtemp(join(tmpdir(), 'review-reasoning-'));
    const tree: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) tree[`src/f${i}.ts`] = `export const v${i} = ${i};\n// TODO: file ${i}\n`;
    await writeTree(ws, tree);
  });
  after(async () => {
    await sim.close();
    await rm(ws, { recursive: true, force: true });
  });
  beforeEach(() => {
    sim.reset();
    sim.setResponder(reasoningResponder({ isReasoning: (m) => m === 'gpt-5' || m.startsWith('acme-reasoner'), answer: answerFor }));
  });

  const run = async (...args: string[]) => {
    const io = memoryIo({ env: {} });
    const previous = process.cwd();
    process.chdir(ws);
    try {
      const code = await runReview(['--base-url', sim.url, '--retries', '0', '--format', 'json', '--fail-on', 'never', '--concurrency', String(CONCURRENCY), ...args], io);
      return { code, report: io.out ? (JSON.parse(io.out) as JsonReport) : null, err: io.err };
    } finally {
      process.chdir(previous);
    }
  };

  it('gpt-5: one request per file, max_completion_tokens and no temperature, every file reviewed', async () => {
    const { code, report, err } = await run('--model', 'gpt-5');
    assert.equal(code, 0, err);
    assert.equal(report!.summary.reviewed, FILES);
    assert.equal(report!.summary.findings, FILES, 'each TODO found');
    assert.equal(sim.requests.length, FILES);
    for (const r of sim.requests) {
      assert.equal(r.body.temperature, undefined);
      assert.equal(r.body.max_tokens, undefined);
      assert.equal(typeof r.body.max_completion_tokens, 'number', 'a bounded output budget');
    }
  });

  it('an unknown id that behaves the same: every file reviewed, at most one wave of learning', async () => {
    const { code, report, err } = await run('--model', 'acme-reasoner-1');
    assert.equal(code, 0, err);
    assert.equal(report!.summary.reviewed, FILES);
    assert.ok(sim.requests.length <= FILES + CONCURRENCY, `${sim.requests.length} requests for ${FILES} files`);
    const rejected = sim.requests.filter((r) => r.body.temperature !== undefined || r.body.max_tokens !== undefined);
    assert.ok(rejected.length >= 1 && rejected.length <= CONCURRENCY, `${rejected.length} rejected requests`);
  });

  it('--reasoning-effort is sent on every request', async () => {
    const { code } = await run('--model', 'gpt-5', '--reasoning-effort', 'low', 'src/f0.ts', 'src/f1.ts');
    assert.equal(code, 0);
    assert.deepEqual(sim.requests.map((r) => r.body.reasoning_effort), ['low', 'low']);
  });

  it('a Responses-only model is reviewed over /responses', async () => {
    const { code, report, err } = await run('--model', 'gpt-5-codex', 'src/f0.ts', 'src/f1.ts');
    assert.equal(code, 0, err);
    assert.equal(report!.summary.findings, 2);
    assert.deepEqual(sim.requests.map((r) => r.path), ['/v1/responses', '/v1/responses']);
  });
});
