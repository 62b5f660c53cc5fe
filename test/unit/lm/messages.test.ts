// VS Code's request messages -> the relay client's messages: every part kind, order, tool results.
import { strict as assert } from 'node:assert';
import { NO_RESULT, TOOL_IMAGES, toChatMessages, type LmMessage, type LmPart } from '../../../src/core/lm';

const text = (value: string): LmPart => ({ kind: 'text', value });
const call = (callId: string, name: string, input: unknown): LmPart => ({ kind: 'toolCall', callId, name, input });
const result = (callId: string, ...content: LmPart[]): LmPart => ({ kind: 'toolResult', callId, content });
const data = (mimeType: string, bytes: string | Uint8Array): LmPart => ({ kind: 'data', mimeType, data: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes });
const user = (...parts: LmPart[]): LmMessage => ({ role: 'user', parts });
const assistant = (...parts: LmPart[]): LmMessage => ({ role: 'assistant', parts });
const system = (...parts: LmPart[]): LmMessage => ({ role: 'system', parts });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe('lm: message mapping', () => {
  it('maps system, user and assistant text in order, joining a message\'s text parts', () => {
    const { messages, dropped } = toChatMessages([system(text('Be brief.')), user(text('Hello, '), text('world')), assistant(text('Hi.')), user(text('Again'))], { vision: false });
    assert.deepEqual(messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello, world' },
      { role: 'assistant', content: 'Hi.' },
      { role: 'user', content: 'Again' },
    ]);
    assert.equal(dropped, 0);
  });

  it('puts an assistant turn\'s tool calls on it (arguments as JSON) and each result in a tool message right after it', () => {
    const { messages } = toChatMessages(
      [
        user(text('Weather in Paris and Rome?')),
        assistant(text('Let me look.'), call('c1', 'weather', { city: 'Paris' }), call('c2', 'weather', { city: 'Rome' })),
        // results arrive in another order than the calls, with the user's next words in the same message
        user(result('c2', text('18 °C')), result('c1', text('21 °C')), text('And tomorrow?')),
      ],
      { vision: false },
    );
    assert.deepEqual(messages, [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        toolCalls: [
          { index: 0, id: 'c1', type: 'function', name: 'weather', arguments: '{"city":"Paris"}' },
          { index: 1, id: 'c2', type: 'function', name: 'weather', arguments: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: '21 °C' },
      { role: 'tool', toolCallId: 'c2', content: '18 °C' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('places a result that comes messages later right after the turn that made the call', () => {
    const { messages } = toChatMessages([assistant(call('c1', 'ls', {})), user(text('wait')), user(result('c1', text('a.ts')))], { vision: false });
    assert.deepEqual(
      messages.map((m) => [m.role, m.content]),
      [
        ['assistant', ''],
        ['tool', 'a.ts'],
        ['user', 'wait'],
      ],
    );
  });

  it('answers a call that never got a result, and drops results of calls no turn made (relays reject both)', () => {
    const { messages, dropped } = toChatMessages([assistant(call('c1', 'ls', {})), user(result('ghost', text('x')), text('go on'))], { vision: false });
    assert.deepEqual(messages.slice(1), [
      { role: 'tool', toolCallId: 'c1', content: NO_RESULT },
      { role: 'user', content: 'go on' },
    ]);
    assert.equal(dropped, 1);
  });

  it('sends images as images to a vision model, and leaves them out for one without', () => {
    const msgs = [user(text('What is this?'), data('image/png', PNG))];
    const vision = toChatMessages(msgs, { vision: true });
    assert.deepEqual(vision.messages, [{ role: 'user', content: 'What is this?', images: [{ mimeType: 'image/png', data: Buffer.from(PNG).toString('base64') }] }]);
    const blind = toChatMessages(msgs, { vision: false });
    assert.deepEqual(blind.messages, [{ role: 'user', content: 'What is this?' }]);
    assert.equal(blind.dropped, 1);
  });

  it('reads text and JSON data parts as text; drops other data (cache markers and the like)', () => {
    const { messages, dropped } = toChatMessages([user(data('text/plain', 'plain '), data('application/json', '{"a":1}'), data('cache_control', 'ephemeral'), data('stateful_marker', 'xyz'))], { vision: true });
    assert.deepEqual(messages, [{ role: 'user', content: 'plain {"a":1}' }]);
    assert.equal(dropped, 2);
  });

  it('drops unknown part kinds instead of stringifying them into the prompt', () => {
    const { messages, dropped } = toChatMessages([user(text('hi'), { kind: 'unknown' }), assistant({ kind: 'unknown' }), user(text('there'))], { vision: false });
    assert.deepEqual(messages, [
      { role: 'user', content: 'hi' },
      { role: 'user', content: 'there' },
    ]);
    assert.equal(dropped, 2);
    assert.ok(!JSON.stringify(messages).includes('unknown'));
  });

  it('keeps the text of a tool result, drops its unknown parts, and sends its images after the tool messages (vision)', () => {
    const { messages, dropped } = toChatMessages([assistant(call('c1', 'screenshot', {})), user(result('c1', text('Took it.'), { kind: 'unknown' }, data('image/png', PNG)))], { vision: true });
    assert.deepEqual(messages.slice(1), [
      { role: 'tool', toolCallId: 'c1', content: 'Took it.' },
      { role: 'user', content: TOOL_IMAGES, images: [{ mimeType: 'image/png', data: Buffer.from(PNG).toString('base64') }] },
    ]);
    assert.equal(dropped, 1);
  });

  it('sends back the reasoning that came with a tool call on the turn that carries the call', () => {
    const reasoning = new Map([['c1', 'I need the file list first.']]);
    const { messages } = toChatMessages([assistant(text('plain answer')), assistant(call('c1', 'ls', {})), user(result('c1', text('a.ts')))], { vision: false, reasoningFor: (id) => reasoning.get(id) });
    assert.equal(messages[0].reasoning, undefined);
    assert.equal(messages[1].reasoning, 'I need the file list first.');
  });

  it('skips empty messages and sends `{}` for a call without input', () => {
    const { messages } = toChatMessages([user(), assistant(text('')), system(text('')), assistant(call('c1', 'now', undefined)), user(result('c1'))], { vision: false });
    assert.deepEqual(messages, [
      { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 'c1', type: 'function', name: 'now', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'c1', content: '' },
    ]);
  });
});
