// Messages on the wire (tools, tool calls and results, images) and finish reasons as gateways send them.
import { strict as assert } from 'node:assert';
import type { ChatMessage, ToolSpec } from '../../../src/core/relay';
import { responseScenario } from '../../support/responses';
import { chunk, completion, completionScenario, sseEvent, streamScenario } from '../../support/sse';
import { ask, client, failure, useSimulator } from './helpers';

const tools: ToolSpec[] = [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
const conversation: ChatMessage[] = [
  { role: 'system', content: 'sys' },
  { role: 'user', content: 'what is in a.ts?', images: [{ mimeType: 'image/png', data: 'iVBORw0KGgo=' }] },
  { role: 'assistant', content: '', reasoning: 'I should read it', toolCalls: [{ index: 0, id: 'call_1', type: 'function', name: 'read_file', arguments: '{"path":"a.ts"}' }] },
  { role: 'tool', content: 'export {}', toolCallId: 'call_1' },
];

describe('messages on the wire', () => {
  const s = useSimulator();

  it('chat completions: tools, tool_choice, assistant tool_calls with reasoning_content, tool results, image parts', async () => {
    s.sim.enqueue(completionScenario('ok'));
    await client(s.sim).chat(ask('', { model: 'gpt-4.1', stream: false, messages: conversation, tools, toolChoice: { name: 'read_file' } }));
    assert.deepEqual(s.sim.requests[0].body, {
      model: 'gpt-4.1',
      stream: false,
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: [{ type: 'text', text: 'what is in a.ts?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }], reasoning_content: 'I should read it' },
        { role: 'tool', tool_call_id: 'call_1', content: 'export {}' },
      ],
      tools: [{ type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: tools[0].parameters } }],
      tool_choice: { type: 'function', function: { name: 'read_file' } },
    });
  });

  it('chat completions: an image-only turn, and the cache mark on the last part of the last user turn', async () => {
    s.sim.enqueue(completionScenario('ok'));
    await client(s.sim).chat(ask('', { model: 'claude-sonnet-4.5', stream: false, toolChoice: 'auto', messages: [{ role: 'user', content: 'see', images: [{ mimeType: 'image/jpeg', data: 'AAA' }] }] }));
    assert.deepEqual(s.sim.requests[0].body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAA' }, cache_control: { type: 'ephemeral' } }] },
    ]);
    assert.equal(s.sim.requests[0].body.tool_choice, undefined, 'no tool_choice without tools');
  });

  it('Responses API: instructions, input items, function_call and function_call_output, input_image, function tools', async () => {
    s.sim.enqueue(responseScenario('ok'));
    await client(s.sim).chat(ask('', { model: 'gpt-5-codex', stream: false, messages: conversation, tools, toolChoice: 'required' }));
    assert.deepEqual(s.sim.requests[0].body, {
      model: 'gpt-5-codex',
      instructions: 'sys',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'what is in a.ts?' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' }] },
        { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'export {}' },
      ],
      stream: false,
      store: false,
      reasoning: { summary: 'auto' },
      tools: [{ type: 'function', name: 'read_file', description: 'Reads a file', parameters: tools[0].parameters }],
      tool_choice: 'required',
    });
  });
});

describe('finish reasons from gateways', () => {
  const s = useSimulator();

  it('end_turn, stop_sequence, STOP -> stop; max_tokens, MAX_TOKENS -> length; tool_use -> tool_calls (stream and not)', async () => {
    const cases: [string, string][] = [['end_turn', 'stop'], ['stop_sequence', 'stop'], ['STOP', 'stop'], ['max_tokens', 'length'], ['MAX_TOKENS', 'length'], ['tool_use', 'tool_calls'], ['content_filter', 'content_filter']];
    for (const [given, expected] of cases) {
      s.sim.enqueue(streamScenario(['a'], { finish: given }), { body: completion('a', undefined, given) });
      assert.equal((await client(s.sim).chat(ask())).finishReason, expected, `stream ${given}`);
      assert.equal((await client(s.sim).chat(ask('hi', { stream: false }))).finishReason, expected, `body ${given}`);
    }
  });

  it('a finish reason ending in _error is an in-band error of that kind, not success', async () => {
    s.sim.enqueue({ steps: [sseEvent(chunk({ content: 'par' })), sseEvent(chunk({ finish: 'overloaded_error' })), sseEvent('[DONE]')] });
    const e = await failure(client(s.sim).chat(ask()));
    assert.deepEqual([e.kind, e.partialText], ['overloaded', 'par']);
    s.sim.enqueue({ body: completion('', undefined, 'invalid_request_error') });
    assert.equal((await failure(client(s.sim).chat(ask('hi', { stream: false })))).kind, 'bad_request');
    s.sim.enqueue({ body: completion('', undefined, 'api_error') }, completionScenario('fine'));
    assert.equal((await client(s.sim).chat(ask('hi', { stream: false }))).text, 'fine', 'a server-kind error before any text is retried');
  });
});
