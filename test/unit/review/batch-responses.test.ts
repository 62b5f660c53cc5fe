import { strict as assert } from 'node:assert';
import { memorySource, planFiles } from '../../../src/core/review';
import { runBatchReview } from '../../../src/core/review/batch';
import type { BatchSim, LineAnswer } from '../../support/batchSim';
import { startSimulator, type Simulator } from '../../support/simulator';
import { harness, type Harness } from './batchHelpers';

/** A Responses-API reviewer: reports every numbered line with TODO, answering in the Responses body shape. */
function responsesTodoAnswer(body: Record<string, unknown>): LineAnswer {
  const input = (body.input ?? []) as { role: string; content: string | { text?: string }[] }[];
  const user = input.filter((m) => m.role === 'user').map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join(''))).join('\n');
  const findings = [...user.matchAll(/^(\d+) \| (.*)$/gm)].filter((m) => m[2].includes('TODO')).map((m) => ({ line: Number(m[1]), severity: 'warning', message: 'Unfinished work (TODO)', rule: 'todo', confidence: 0.9 }));
  return {
    status: 200,
    body: {
      object: 'response',
      status: 'completed',
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Looked for unfinished work.' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: JSON.stringify({ findings }) }] },
      ],
      usage: { input_tokens: 1000, input_tokens_details: { cached_tokens: 800 }, output_tokens: 300, output_tokens_details: { reasoning_tokens: 200 } },
    },
  };
}

describe('batch review of a Responses-only model', () => {
  let sim: Simulator;
  let batches: BatchSim;
  let h: Harness;

  beforeEach(async () => {
    sim = await startSimulator();
    batches = sim.enableBatches({ answer: responsesTodoAnswer });
    h = harness(sim.url);
  });
  afterEach(async () => {
    await h.dispose();
    await sim.close();
  });

  it('batches gpt-5-codex on /v1/responses (lines with input and instructions, a bounded output, no temperature) and reads the Responses answers into findings and usage', async () => {
    const plan = await planFiles(memorySource({ 'src/a.ts': 'const a = 1;\n// TODO a\n', 'src/b.ts': 'export const ok = true;\n' }));
    const outcome = await runBatchReview(plan, h.options({ model: 'gpt-5-codex' }));
    const create = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/batches');
    assert.equal(create?.body.endpoint, '/v1/responses');
    const lines = batches.lines(batches.batchIds()[0]);
    assert.equal(lines.length, 2);
    for (const l of lines) {
      assert.equal(l.url, '/v1/responses');
      assert.equal(l.body.model, 'gpt-5-codex');
      assert.equal(l.body.messages, undefined, 'a Responses line has input, not messages');
      assert.ok(Array.isArray(l.body.input) && typeof l.body.instructions === 'string');
      assert.equal(l.body.temperature, undefined, 'reasoning models take no temperature');
      assert.ok(typeof l.body.max_output_tokens === 'number' && l.body.max_output_tokens > 0, 'review asks for a bounded output');
    }
    assert.deepEqual(outcome.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}`)), ['src/a.ts:2']);
    assert.equal(outcome.summary.failed, 0);
    assert.equal(outcome.summary.cachedPromptTokens, 1600);
    assert.equal(outcome.summary.reasoningTokens, 400);
  });
});
