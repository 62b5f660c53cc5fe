// Secrets in an agent's conversation: tool call arguments and tool results are masked on the way
// to the relay, and a tool call the model makes with a placeholder gets the real value back.
import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import type { ChatRequest, ChatResult, RelayClient } from '../../../src/core/relay';
import { guardClient } from '../../../src/core/requestGuard';
import { mapJsonStrings } from '../../../src/core/secrets/messages';
import { fill } from '../secrets/corpus';

const AWS = 'AK' + 'IA' + fill(16, 61, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');

function fakeRelay(answer: (req: ChatRequest) => Partial<ChatResult>): { client: RelayClient; seen: ChatRequest[] } {
  const seen: ChatRequest[] = [];
  const client = {
    listModels: async () => [],
    close: async () => undefined,
    complete: async () => assert.fail('not used'),
    chat: async (req: ChatRequest) => {
      seen.push(req);
      return { text: '', reasoning: null, finishReason: 'tool_calls', usage: null, toolCalls: [], api: 'chat', model: req.model, attempts: 1, ttftMs: null, durationMs: 1, costUsd: null, costEstimated: true, ...answer(req) } as ChatResult;
    },
  } as unknown as RelayClient;
  return { client, seen };
}

const guard = (inner: RelayClient) => guardClient(inner, { settings: () => ({ ...DEFAULT_SETTINGS, models: { m: { inputPrice: 0, outputPrice: 0 } } }), onMasked: () => undefined, confirmCost: async () => true });

describe('lm: secrets in tool calls and results', () => {
  it('masks secrets in earlier tool call arguments and in tool results before the relay sees them', async () => {
    const { client, seen } = fakeRelay(() => ({ text: 'ok' }));
    await guard(client).chat({
      model: 'm',
      stream: false,
      messages: [
        { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 'c1', type: 'function', name: 'write', arguments: JSON.stringify({ path: '.env', text: `KEY=${AWS}` }) }] },
        { role: 'tool', toolCallId: 'c1', content: `wrote KEY=${AWS}` },
      ],
    });
    const sent = JSON.stringify(seen[0].messages);
    assert.ok(!sent.includes(AWS), sent);
    const args = JSON.parse(seen[0].messages[0].toolCalls![0].arguments) as { path: string; text: string };
    assert.equal(args.path, '.env');
    assert.match(args.text, /^KEY=\[REDACTED_/);
  });

  it('gives a tool call the real value where the model used the placeholder, as valid JSON', async () => {
    const { client } = fakeRelay((req) => {
      const placeholder = /\[REDACTED_[^\]]+\]/.exec(req.messages[0].content)![0];
      return { toolCalls: [{ index: 0, id: 'c2', type: 'function', name: 'write', arguments: JSON.stringify({ text: `aws_key = "${placeholder}"` }) }] };
    });
    const res = await guard(client).chat({ model: 'm', stream: false, messages: [{ role: 'user', content: `Put ${AWS} into config.py` }] });
    assert.deepEqual(JSON.parse(res.toolCalls[0].arguments), { text: `aws_key = "${AWS}"` });
  });

  it('leaves arguments without secrets byte for byte as they were', () => {
    const args = '{ "a" : 1,\n "b": "x" }';
    assert.equal(mapJsonStrings(args, (v) => v), args);
    assert.equal(mapJsonStrings('not json', (v) => v.toUpperCase()), 'NOT JSON');
  });
});
