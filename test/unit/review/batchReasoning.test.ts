// Batch review lines follow the same parameter rules as the live path.
import { strict as assert } from 'node:assert';
import { batchLines } from '../../../src/core/review/batch';
import { todoPlan } from './helpers';

describe('batch lines per model family', () => {
  it('a reasoning model gets max_completion_tokens and no temperature; others temperature 0 and max_tokens', async () => {
    const plan = await todoPlan(1);
    const body = async (model: string) => JSON.parse((await batchLines(plan.files, { model }))[0].json).body;
    const gpt5 = await body('gpt-5');
    assert.deepEqual([gpt5.temperature, gpt5.max_tokens, typeof gpt5.max_completion_tokens], [undefined, undefined, 'number']);
    const plain = await body('deepseek-v3.2');
    assert.deepEqual([plain.temperature, typeof plain.max_tokens, plain.max_completion_tokens], [0, 'number', undefined]);
  });
});
