import { strict as assert } from 'node:assert';
import { addAssistantMessage, addUserMessage, createConversation } from '../../../src/core/chat/conversation';
import { CHAT_STATE_KEY, ChatStore, MAX_CONVERSATIONS, parsePersisted } from '../../../src/core/chat/store';
import { MemoryState } from './fakes';

describe('chat persistence', () => {
  it('round-trips conversations and the active one through the key-value store', async () => {
    const kv = new MemoryState();
    const store = new ChatStore(kv);
    const c = createConversation('deepseek-v3.2', 10);
    addUserMessage(c, { text: 'q', content: 'q + ctx', chips: [{ id: 'k', kind: 'file', label: 'a.ts', language: 'typescript' }] }, 11);
    Object.assign(addAssistantMessage(c, 12), { text: '**a**', state: 'done', meta: { model: 'deepseek-v3.2', promptTokens: 1, completionTokens: 2, tokensEstimated: false, costUsd: 0.1, costEstimated: false, ttftMs: 5, durationMs: 9 } });
    await store.save(c);
    await store.setActive(c.id);
    const again = new ChatStore(kv);
    assert.equal(again.activeId, c.id);
    assert.deepEqual(again.get(c.id), c);
  });

  it('shows an answer that was streaming when the window closed as stopped, and forgets countdowns', () => {
    const c = createConversation('m', 0);
    addUserMessage(c, { text: 'q' }, 0);
    Object.assign(addAssistantMessage(c, 0), { text: 'half', error: { kind: 'rate_limit', message: 'x', actions: ['retry'], detail: null, retryAt: 123 } });
    const parsed = parsePersisted({ version: 1, activeId: c.id, conversations: [c] });
    assert.equal(parsed.conversations[0].messages[1].state, 'stopped');
    assert.equal(parsed.conversations[0].messages[1].text, 'half');
    assert.equal(parsed.conversations[0].messages[1].error?.retryAt, null);
  });

  it('reads corrupt or foreign data as empty instead of throwing, dropping only bad entries', () => {
    for (const raw of [undefined, null, 'x', 42, [], { version: 2, conversations: [] }, { version: 1, conversations: 'no' }]) {
      assert.deepEqual(parsePersisted(raw), { version: 1, activeId: null, conversations: [] });
    }
    const good = createConversation('m', 0, 'good');
    const parsed = parsePersisted({ version: 1, activeId: 'missing', conversations: [good, { id: 1 }, null, { ...good, id: 'x', messages: [{ role: 'hacker', id: 'a', text: '' }, { role: 'user', id: 'b', text: 'ok' }] }] });
    assert.deepEqual(parsed.conversations.map((c) => c.id), ['good', 'x']);
    assert.equal(parsed.conversations[1].messages.length, 1);
    assert.equal(parsed.activeId, null);
  });

  it('lists newest first, deletes, and keeps at most MAX_CONVERSATIONS', async () => {
    const kv = new MemoryState();
    const store = new ChatStore(kv);
    for (let i = 0; i < MAX_CONVERSATIONS + 5; i++) await store.save(createConversation('m', i, `c${i}`));
    const list = store.list();
    assert.equal(list.length, MAX_CONVERSATIONS);
    assert.equal(list[0].id, `c${MAX_CONVERSATIONS + 4}`);
    assert.equal(store.get('c0'), undefined, 'the oldest went first');
    await store.setActive('c10');
    await store.delete('c10');
    assert.equal(store.activeId, null);
    assert.equal(new ChatStore(kv).get('c10'), undefined);
    assert.ok((kv.get(CHAT_STATE_KEY) as { conversations: unknown[] }).conversations.length === MAX_CONVERSATIONS - 1);
  });
});
