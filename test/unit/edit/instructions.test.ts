import { strict as assert } from 'node:assert';
import { MAX_RECENT_INSTRUCTIONS, PRESET_INSTRUCTIONS, instructionChoices, parseRecent, withRecent } from '../../../src/core/edit/instructions';

describe('edit/instructions: recent instructions and presets', () => {
  it('offers the five presets when nothing was used yet', () => {
    assert.deepEqual(instructionChoices([]).map((c) => c.label), ['Simplify', 'Add error handling', 'Add types / JSDoc', 'Optimize', 'Fix the bug']);
    assert.ok(instructionChoices([]).every((c) => c.kind === 'preset'));
  });

  it('puts recent instructions first and does not repeat a preset that was used', () => {
    const choices = instructionChoices(['Optimize', 'extract a helper']);
    assert.deepEqual(choices.slice(0, 2), [
      { label: 'Optimize', kind: 'recent' },
      { label: 'extract a helper', kind: 'recent' },
    ]);
    assert.equal(choices.filter((c) => c.label === 'Optimize').length, 1);
    assert.equal(choices.length, 2 + PRESET_INSTRUCTIONS.length - 1);
  });

  it('moves a reused instruction to the front, trimmed, and keeps the list bounded', () => {
    assert.deepEqual(withRecent(['a', 'b', 'c'], '  b '), ['b', 'a', 'c']);
    let recent: string[] = [];
    for (let i = 0; i < 20; i++) recent = withRecent(recent, `instruction ${i}`);
    assert.equal(recent.length, MAX_RECENT_INSTRUCTIONS);
    assert.equal(recent[0], 'instruction 19');
  });

  it('ignores whatever else is in storage', () => {
    assert.deepEqual(parseRecent(undefined), []);
    assert.deepEqual(parseRecent('Simplify'), []);
    assert.deepEqual(parseRecent(['ok', 3, null, '  ', 'fine']), ['ok', 'fine']);
  });
});
