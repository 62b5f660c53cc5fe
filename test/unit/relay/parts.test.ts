// Content as an array of parts (Mistral, some gateways): `text` parts are text; `thinking` /
// `reasoning` parts (their string or nested text parts) are reasoning; streamed and not.
import { strict as assert } from 'node:assert';
import type { Delta } from '../../../src/core/relay';
import { DONE, chunk, partsChunk, partsCompletion, sseEvent } from '../../support/sse';
import { ask, client, useSimulator } from './helpers';

const once = (o = {}) => ask('hi', { stream: false, maxRetries: 0, fallbackModels: [], ...o });

// Mistral's magistral shape: a thinking part holding text parts, then the answer as a text part.
const MISTRAL = [{ type: 'thinking', thinking: [{ type: 'text', text: 'add 1 to 390' }] }, { type: 'text', text: '391' }];

describe('relay content parts', () => {
  const s = useSimulator();

  it('non-streaming: text parts are the text, thinking parts the reasoning', async () => {
    s.sim.enqueue({ body: partsCompletion(MISTRAL) });
    const r = await client(s.sim).chat(once());
    assert.equal(r.text, '391');
    assert.equal(r.reasoning, 'add 1 to 390');
  });

  it('non-streaming: several text parts join, a reasoning part with a string counts, unknown parts add nothing', async () => {
    const parts = [{ type: 'reasoning', reasoning: 'R' }, { type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'b' }, 'junk', null];
    s.sim.enqueue({ body: partsCompletion(parts) });
    const r = await client(s.sim).chat(once());
    assert.equal(r.text, 'ab');
    assert.equal(r.reasoning, 'R');
  });

  it('streaming: the first text part is kept, and each part reaches onDelta in order', async () => {
    s.sim.enqueue({
      steps: [
        sseEvent(partsChunk([{ type: 'thinking', thinking: [{ type: 'text', text: 'hm' }] }])),
        sseEvent(partsChunk([{ type: 'text', text: '39' }])),
        sseEvent(partsChunk([{ type: 'text', text: '1' }], 'stop')),
        DONE,
      ],
    });
    const deltas: Delta[] = [];
    const r = await client(s.sim).chat(ask('hi', { onDelta: (d) => deltas.push(d) }));
    assert.equal(r.text, '391');
    assert.equal(r.reasoning, 'hm');
    assert.deepEqual(deltas, [{ reasoning: 'hm' }, { content: '39' }, { content: '1' }]);
  });

  it('streaming: a chunk with both a thinking and a text part gives one delta with both', async () => {
    s.sim.enqueue({ steps: [sseEvent(partsChunk(MISTRAL, 'stop')), DONE] });
    const deltas: Delta[] = [];
    const r = await client(s.sim).chat(ask('hi', { onDelta: (d) => deltas.push(d) }));
    assert.deepEqual(deltas, [{ content: '391', reasoning: 'add 1 to 390' }]);
    assert.equal(r.text, '391');
  });

  it('reasoning is counted once: reasoning_content wins over reasoning and over reasoning parts', async () => {
    const delta = { reasoning_content: 'R1', reasoning: 'R1', content: [{ type: 'thinking', thinking: 'R1' }, { type: 'text', text: 'T' }] };
    s.sim.enqueue({ steps: [sseEvent({ choices: [{ index: 0, delta }] }), sseEvent(chunk({ finish: 'stop' })), DONE] });
    const r = await client(s.sim).chat(ask());
    assert.equal(r.reasoning, 'R1');
    assert.equal(r.text, 'T');
  });

  it('an empty parts array or parts without text add nothing (no delta)', async () => {
    s.sim.enqueue({ steps: [sseEvent(partsChunk([])), sseEvent(partsChunk([{ type: 'text' }])), sseEvent(chunk({ content: 'x', finish: 'stop' })), DONE] });
    const deltas: Delta[] = [];
    await client(s.sim).chat(ask('hi', { onDelta: (d) => deltas.push(d) }));
    assert.deepEqual(deltas, [{ content: 'x' }]);
  });
});
