import { strict as assert } from 'node:assert';
import { EXPLAIN_SYSTEM_PROMPT, REFACTOR_SYSTEM_PROMPT, buildExplainPrompt, buildRefactorMessages, fenced } from '../../../src/core/edit/prompts';

/** The content of the last fenced block, found the way a relay would: the last opening fence and its matching close. */
function lastFencedBlock(text: string): { lang: string; code: string } {
  const blocks = [...text.matchAll(/^(`{3,})(\S*)\n([\s\S]*?)\n\1$/gm)];
  const last = blocks[blocks.length - 1];
  return { lang: last[2], code: last[3] };
}

const LOCATION = { relativePath: 'src/util/math.ts', languageId: 'typescript', startLine: 12, endLine: 14, code: 'function double(a) {\n  return a * 2;\n}' };

describe('edit/prompts', () => {
  it('refactor: system prompt first, then the instruction, path, language, lines and the code as the last fenced block', () => {
    const messages = buildRefactorMessages({ ...LOCATION, instruction: 'Add types / JSDoc', extraSystemPrompt: '' });
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user']);
    assert.equal(messages[0].content, REFACTOR_SYSTEM_PROMPT);
    const user = messages[1].content;
    assert.ok(user.includes('Add types / JSDoc'));
    assert.ok(user.includes('src/util/math.ts'));
    assert.ok(user.includes('typescript'));
    assert.ok(user.includes('lines 12-14'));
    assert.deepEqual(lastFencedBlock(user), { lang: 'typescript', code: LOCATION.code });
    assert.ok(user.trimEnd().endsWith('```'), 'nothing may follow the code block');
  });

  it('refactor: the user\'s extra system prompt is appended after ours', () => {
    const [system] = buildRefactorMessages({ ...LOCATION, instruction: 'x', extraSystemPrompt: '  Use tabs.  ' });
    assert.equal(system.content, `${REFACTOR_SYSTEM_PROMPT}\n\nUse tabs.`);
  });

  it('refactor: code containing backtick fences gets a longer fence, so the block stays whole', () => {
    const code = 'const md = `\n```js\nx\n```\n`;';
    const user = buildRefactorMessages({ ...LOCATION, code, instruction: 'x', extraSystemPrompt: '' })[1].content;
    assert.deepEqual(lastFencedBlock(user), { lang: 'typescript', code });
    assert.equal(fenced('a', 'py'), '```py\na\n```');
  });

  it('explain: instructions, path, language, line numbers, the code and the surrounding lines', () => {
    const { prompt, display } = buildExplainPrompt({ ...LOCATION, before: 'import x from "y";', after: 'export { double };' });
    assert.ok(prompt.startsWith(EXPLAIN_SYSTEM_PROMPT));
    for (const part of ['src/util/math.ts', 'typescript', 'lines 12-14', LOCATION.code, 'import x from "y";', 'export { double };']) {
      assert.ok(prompt.includes(part), `missing ${part}`);
    }
    assert.ok(prompt.indexOf('import x') < prompt.indexOf('function double') && prompt.indexOf('function double') < prompt.indexOf('export {'));
    assert.equal(display, 'Explain src/util/math.ts:12-14');
  });

  it('explain: a one-line selection at the top of a file has no empty context blocks', () => {
    const { prompt, display } = buildExplainPrompt({ ...LOCATION, startLine: 1, endLine: 1, code: 'x = 1', before: '', after: '  ' });
    assert.ok(!prompt.includes('context only'));
    assert.equal(display, 'Explain src/util/math.ts:1');
  });
});
