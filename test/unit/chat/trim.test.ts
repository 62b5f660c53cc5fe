import { strict as assert } from 'node:assert';
import { MESSAGE_OVERHEAD_TOKENS, promptBudget, trimHistory } from '../../../src/core/chat/trim';
import type { ChatMessage } from '../../../src/core/relay/types';

// One token per character keeps the arithmetic visible.
const estimate = (s: string) => s.length;
const cost = (m: ChatMessage) => m.content.length + MESSAGE_OVERHEAD_TOKENS;
const system: ChatMessage = { role: 'system', content: 'sys' };
const question: ChatMessage = { role: 'user', content: 'the new question' };
const history: ChatMessage[] = [
  { role: 'user', content: 'q1-aaaaaaaaaa' },
  { role: 'assistant', content: 'a1-aaaaaaaaaaaaaaaaaaaa' },
  { role: 'user', content: 'q2-bbbbbbbbbb' },
  { role: 'assistant', content: 'a2-bbbbbbbbbbbbbbbbbbbb' },
  { role: 'user', content: 'q3-cccccccccc' },
  { role: 'assistant', content: 'a3-cccccccccccccccccccc' },
];
const total = (ms: ChatMessage[]) => ms.reduce((n, m) => n + cost(m), 0);

describe('chat history trimming', () => {
  it('keeps everything when it fits, and reports the estimated size', () => {
    const all = [system, ...history, question];
    const r = trimHistory({ system, history, question, budgetTokens: total(all), estimate });
    assert.deepEqual(r.messages, all);
    assert.equal(r.dropped, 0);
    assert.equal(r.tokens, total(all));
    assert.equal(r.overBudget, false);
  });

  it('drops the oldest whole turns first, keeping the system prompt and the question', () => {
    const budget = total([system, ...history.slice(2), question]); // room for turns 2 and 3 exactly
    const r = trimHistory({ system, history, question, budgetTokens: budget, estimate });
    assert.deepEqual(r.messages, [system, ...history.slice(2), question]);
    assert.equal(r.dropped, 2);
    const tighter = trimHistory({ system, history, question, budgetTokens: budget - 1, estimate });
    assert.deepEqual(tighter.messages, [system, ...history.slice(4), question]);
  });

  it('never drops half a turn: an answer goes with its question', () => {
    const budget = total([system, history[5], question]); // would fit the last answer alone
    const r = trimHistory({ system, history, question, budgetTokens: budget, estimate });
    assert.deepEqual(r.messages, [system, question]);
  });

  it('keeps system prompt and question even when they alone exceed the budget', () => {
    const r = trimHistory({ system, history, question, budgetTokens: 5, estimate });
    assert.deepEqual(r.messages, [system, question]);
    assert.equal(r.overBudget, true);
    assert.equal(r.dropped, history.length);
  });

  it('works without a system prompt and with a history that starts with an answer', () => {
    const odd: ChatMessage[] = [{ role: 'assistant', content: 'welcome text' }, ...history.slice(0, 2)];
    const r = trimHistory({ system: null, history: odd, question, budgetTokens: total([...odd.slice(1), question]), estimate });
    assert.deepEqual(r.messages, [...odd.slice(1), question]);
  });

  it('leaves room for the answer in the prompt budget', () => {
    assert.equal(promptBudget(128_000), 128_000 - 8_192);
    assert.equal(promptBudget(8_000), 6_000);
    assert.ok(promptBudget(100) >= 256);
  });
});
