// Inline completions at the relay boundary: secrets in the prefix, suffix and snippets never reach the
// relay (its recorded body is the evidence), and an answer quoting a placeholder gets the value back.
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import { guardClient } from '../../../src/core/requestGuard';
import type { MaskedInRequest } from '../../../src/core/secrets/messages';
import { sseEvent } from '../../support/sse';
import { fill } from '../secrets/corpus';
import { client, useSimulator } from '../relay/helpers';

const AWS = () => 'AK' + 'IA' + fill(16, 60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');

describe('complete: secrets masked before sending', () => {
  const h = useSimulator();

  it('masks secrets in prompt, suffix and input_extra; restores a quoted placeholder in the answer and the deltas', async () => {
    const key = AWS();
    const masked: MaskedInRequest[][] = [];
    const guarded = guardClient(client(h.sim), { settings: () => DEFAULT_SETTINGS, onMasked: (m) => masked.push(m), confirmCost: async () => true });
    h.sim.setResponder((req) => {
      const placeholder = /\[REDACTED_[A-Z_]+_\d+_[0-9a-f]+\]/.exec(String(req.body.input_prefix))?.[0] ?? '';
      return { steps: [sseEvent({ content: `use(${placeholder.slice(0, 12)}`, stop: false }), sseEvent({ content: `${placeholder.slice(12)});`, stop: false }), sseEvent({ content: '', stop: true })] };
    });
    const deltas: string[] = [];
    const res = await guarded.complete({
      model: 'qwen2.5-coder:7b',
      api: 'infill',
      prompt: `const k = "${key}";\n`,
      suffix: `\n// ${key}\n`,
      extra: [{ filename: 'src/keys.ts', text: `export const other = "${key}";` }],
      maxTokens: 32,
      stream: true,
      onDelta: (t) => deltas.push(t),
    });
    const body = JSON.stringify(h.sim.requests[0].body);
    assert.ok(!body.includes(key), 'the relay never sees the key');
    assert.ok(body.includes('[REDACTED_'));
    assert.equal(res.text, `use(${key});`);
    assert.equal(deltas.join(''), `use(${key});`);
    assert.deepEqual(masked[0].map((m) => m.where), ['the code before the cursor', 'the code after the cursor', 'src/keys.ts']);
  });
});
