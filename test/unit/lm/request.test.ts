// Tools, tool mode and model options -> ChatRequest fields; tool call parsing; token counts.
import { strict as assert } from 'node:assert';
import { IMAGE_TOKENS, ReasoningMemory, TOOL_MODE, ToolCallArgumentsError, countTokens, parseToolCalls, requestFields } from '../../../src/core/lm';

describe('lm: request fields', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

  it('maps tools to function specs with their JSON schema; Required becomes tool choice "required"', () => {
    const f = requestFields({ tools: [{ name: 'weather', description: 'Current weather', inputSchema: schema }, { name: 'now', description: '' }], toolMode: TOOL_MODE.Required });
    assert.deepEqual(f.tools, [{ name: 'weather', description: 'Current weather', parameters: schema }, { name: 'now' }]);
    assert.equal(f.toolChoice, 'required');
  });

  it('leaves Auto to the relay\'s default and sends no tool fields without tools', () => {
    assert.deepEqual(requestFields({ tools: [{ name: 'x', description: 'd' }], toolMode: TOOL_MODE.Auto }).toolChoice, undefined);
    assert.deepEqual(requestFields({ tools: [], toolMode: TOOL_MODE.Required }), {});
  });

  it('takes temperature, the output budget and reasoning effort from model options, ignoring the rest', () => {
    assert.deepEqual(requestFields({ modelOptions: { temperature: 0.2, max_tokens: 500.7, reasoning_effort: 'high', top_k: 3 } }), { temperature: 0.2, maxTokens: 500, reasoningEffort: 'high' });
    assert.deepEqual(requestFields({ modelOptions: { temperature: 'hot', maxTokens: -1, reasoningEffort: 'extreme' } }), {});
  });
});

describe('lm: tool calls', () => {
  const call = (args: string, name = 'f', id = 'c1') => ({ index: 0, id, type: 'function', name, arguments: args });

  it('parses arguments into the input object; empty arguments are no arguments', () => {
    assert.deepEqual(parseToolCalls([call('{"a":[1,2]}'), call('', 'g', 'c2')]), [
      { callId: 'c1', name: 'f', input: { a: [1, 2] } },
      { callId: 'c2', name: 'g', input: {} },
    ]);
  });

  it('rejects arguments that are not JSON, or not an object, naming the tool', () => {
    assert.throws(() => parseToolCalls([call('{"a":', 'edit')]), (e: Error) => e instanceof ToolCallArgumentsError && /"edit"/.test(e.message));
    assert.throws(() => parseToolCalls([call('[1]', 'edit')]), /not a JSON object \(got an array\)/);
    assert.throws(() => parseToolCalls([call('"x"', 'edit')]), /got string/);
  });

  it('gives a call without an id one, so its result can find it', () => {
    const [c] = parseToolCalls([call('{}', 'f', '')]);
    assert.match(c.callId, /^call_0_/);
  });

  it('remembers reasoning per call id, forgetting the oldest past its limit', () => {
    const m = new ReasoningMemory(2);
    m.remember(['a', 'b'], 'first');
    m.remember(['c'], 'second');
    assert.equal(m.get('a'), undefined);
    assert.equal(m.get('b'), 'first');
    assert.equal(m.get('c'), 'second');
  });
});

describe('lm: token count', () => {
  it('estimates text like the chat does (~4 characters a token), locally', () => {
    assert.equal(countTokens('x'.repeat(400)), 100);
  });

  it('counts a message\'s text, tool calls and results, a flat amount per image, nothing for unknown parts', () => {
    const n = countTokens({
      role: 'user',
      parts: [
        { kind: 'text', value: 'x'.repeat(40) },
        { kind: 'toolResult', callId: 'c', content: [{ kind: 'text', value: 'y'.repeat(40) }] },
        { kind: 'data', mimeType: 'image/png', data: new Uint8Array(100_000) },
        { kind: 'unknown' },
      ],
    });
    assert.equal(n, 4 + 10 + 10 + IMAGE_TOKENS);
  });
});
