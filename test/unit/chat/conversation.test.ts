import { strict as assert } from 'node:assert';
import {
  addAssistantMessage, addUserMessage, createConversation, dropTrailingAnswers, historyBefore, lastQuestion, titleFrom, toChatMessage, UNTITLED,
} from '../../../src/core/chat/conversation';
import { chipView, mergeModels, questionContent, systemMessage, CHAT_SYSTEM_PROMPT } from '../../../src/core/chat/prompt';
import type { ContextChip } from '../../../src/protocol';

describe('chat conversation model', () => {
  it('titles a conversation after its first question and keeps later titles', () => {
    const c = createConversation('gpt-4.1', 1);
    assert.equal(c.title, UNTITLED);
    addUserMessage(c, { text: '  How do I parse JSON?\nmore lines' }, 2);
    assert.equal(c.title, 'How do I parse JSON?');
    addUserMessage(c, { text: 'second' }, 3);
    assert.equal(c.title, 'How do I parse JSON?');
    assert.equal(c.updatedAt, 3);
    assert.equal(titleFrom('x'.repeat(100)).length, 60);
  });

  it('sends the model the content (question + context) but shows the text', () => {
    const c = createConversation('m', 0);
    const q = addUserMessage(c, { text: 'Explain this', content: 'Explain this\n\ncode' }, 0);
    assert.deepEqual(toChatMessage(q), { role: 'user', content: 'Explain this\n\ncode' });
    const plain = addUserMessage(c, { text: 'same', content: 'same' }, 0);
    assert.equal(plain.content, undefined, 'no duplicate copy when both are equal');
  });

  it('history skips answers that are still streaming or empty, keeps stopped partial answers', () => {
    const c = createConversation('m', 0);
    addUserMessage(c, { text: 'q1' }, 0);
    Object.assign(addAssistantMessage(c, 0), { text: 'partial', state: 'stopped' });
    addUserMessage(c, { text: 'q2' }, 0);
    Object.assign(addAssistantMessage(c, 0), { text: '', state: 'error' });
    const q3 = addUserMessage(c, { text: 'q3' }, 0);
    addAssistantMessage(c, 0); // streaming
    assert.deepEqual(historyBefore(c, q3), [
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: 'q2' },
    ]);
  });

  it('drops trailing answers and finds the last question', () => {
    const c = createConversation('m', 0);
    const q = addUserMessage(c, { text: 'q' }, 0);
    const a1 = addAssistantMessage(c, 0);
    const a2 = addAssistantMessage(c, 0);
    assert.deepEqual(dropTrailingAnswers(c), [a1.id, a2.id]);
    assert.equal(lastQuestion(c), q);
    assert.deepEqual(dropTrailingAnswers(c), []);
  });
});

describe('chat prompt building', () => {
  const chip: ContextChip = { id: 'c1', kind: 'selection', path: 'src/a.ts', language: 'typescript', text: 'const a = 1;', startLine: 3, endLine: 4 };

  it('appends each chip as a fenced block named by path and lines', () => {
    const content = questionContent('What is a?', [chip, { id: 'c2', kind: 'file', path: 'b.py', language: 'python', text: 'print(1)' }]);
    assert.equal(content, 'What is a?\n\nSelection from src/a.ts:3-4 (typescript):\n```typescript\nconst a = 1;\n```\n\nFile b.py (python):\n```python\nprint(1)\n```');
    assert.equal(questionContent('plain', []), 'plain');
    assert.deepEqual(chipView(chip), { id: 'c1', kind: 'selection', label: 'src/a.ts:3-4', language: 'typescript', detail: '1 line · ~3 tokens', tokens: 3, truncated: false });
  });

  it('a truncated chip says so to the model and on the chip, with how much is sent', () => {
    const cut: ContextChip = { id: 'c3', kind: 'file', path: 'big.ts', language: 'typescript', text: 'x'.repeat(100_000), totalChars: 250_000 };
    assert.match(questionContent('q', [cut]), /^q\n\nFile big\.ts \(typescript\) \(truncated: the first 100000 of 250000 characters\):\n```typescript\n/);
    const view = chipView(cut);
    assert.equal(view.truncated, true);
    assert.equal(view.detail, 'truncated to 100,000 of 250,000 characters · ~25,000 tokens');
  });

  it('names problems, changes and symbols by what they are', () => {
    const problems: ContextChip = { id: 'p', kind: 'problems', path: 'src/a.ts', title: 'Problems in src/a.ts (1 error)', language: 'text', text: 'src/a.ts:1:1 error: boom' };
    const changes: ContextChip = { id: 'g', kind: 'changes', path: 'ws', title: 'Changes in ws (1 file)', language: 'diff', text: 'diff --git a/x b/x' };
    const symbol: ContextChip = { id: 's', kind: 'symbol', path: 'src/a.ts', title: 'parse', language: 'typescript', text: 'function parse() {}', startLine: 4, endLine: 9 };
    const content = questionContent('q', [problems, changes, symbol]);
    assert.match(content, /Diagnostics: Problems in src\/a\.ts \(1 error\):\n```text\nsrc\/a\.ts:1:1 error: boom\n```/);
    assert.match(content, /Uncommitted changes \(git diff\): Changes in ws \(1 file\):\n```diff\n/);
    assert.match(content, /Symbol parse \(src\/a\.ts:4-9\) \(typescript\):\n```typescript\nfunction parse\(\) \{\}\n```/);
    assert.deepEqual([problems, changes, symbol].map((c) => chipView(c).label), ['Problems in src/a.ts (1 error)', 'Changes in ws (1 file)', 'parse (src/a.ts:4-9)']);
  });

  it('uses a longer fence when the code contains one', () => {
    const content = questionContent('q', [{ ...chip, text: 'md with ```js\nx\n```' }]);
    assert.match(content, /\n````typescript\nmd with ```js\nx\n```\n````$/);
  });

  it('adds the user system prompt setting after the built-in one', () => {
    assert.equal(systemMessage('  ').content, CHAT_SYSTEM_PROMPT);
    assert.equal(systemMessage('Answer in French.').content, `${CHAT_SYSTEM_PROMPT}\n\nAnswer in French.`);
  });

  it('merges configured and relay models without duplicates, configured first', () => {
    const merged = mergeModels(['zeta', 'gpt-4.1', 'alpha'], { model: 'gpt-4.1', fallbackModels: ['deepseek-v3.2', ' '], models: { 'my-local': {} } }, ['claude']);
    assert.deepEqual(merged, ['gpt-4.1', 'claude', 'deepseek-v3.2', 'my-local', 'alpha', 'zeta']);
  });
});
