// The request guard in front of the relay client: what the relay receives (recorded by the
// loopback simulator) and what the caller gets back.
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, type RelaySettings } from '../../../src/core/config';
import { guardClient } from '../../../src/core/requestGuard';
import type { MaskedInRequest } from '../../../src/core/secrets/messages';
import { questionContent } from '../../../src/core/chat/prompt';
import { buildRefactorMessages } from '../../../src/core/edit/prompts';
import { streamScenario } from '../../support/sse';
import { client, useSimulator } from '../relay/helpers';
import { fill } from './corpus';

const AWS = () => 'AK' + 'IA' + fill(16, 60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');

describe('request guard: masking and the cost guard at the relay boundary', () => {
  const s = useSimulator();
  let masked: MaskedInRequest[][];
  let asked: string[];
  let answer: boolean;
  let settings: RelaySettings;

  beforeEach(() => {
    masked = [];
    asked = [];
    answer = true;
    settings = { ...DEFAULT_SETTINGS };
  });

  const guarded = () =>
    guardClient(client(s.sim), {
      settings: () => settings,
      onMasked: (m) => masked.push(m),
      confirmCost: async (text) => (asked.push(text), answer),
    });

  const sent = () => JSON.stringify(s.sim.requests.filter((r) => r.method === 'POST').map((r) => r.body));

  it('sends a chip with a secret masked, names the file and line, and keeps the line count', async () => {
    const file = ['export const region = "eu-west-1";', '', `export const accessKey = "${AWS()}";`].join('\n');
    const content = questionContent('What does this do?', [{ id: 'c1', kind: 'file', path: 'src/config.ts', language: 'typescript', text: file }]);
    s.sim.enqueue(streamScenario(['ok']));
    await guarded().chat({ model: 'sim-model', stream: true, messages: [{ role: 'user', content }] });
    assert.ok(!sent().includes(AWS()), 'the relay received the key');
    const body = s.sim.requests.find((r) => r.method === 'POST')!.body as { messages: { content: string }[] };
    assert.equal(body.messages[0].content.split('\n').length, content.split('\n').length);
    assert.deepEqual(masked, [[{ label: 'an AWS access key', where: 'src/config.ts, line 3' }]]);
  });

  it('names the file line of a refactor selection, and puts the secret back in the streamed and final answer', async () => {
    const code = ['function connect() {', `  return login("${AWS()}");`, '}'].join('\n');
    const messages = buildRefactorMessages({ relativePath: 'src/db.js', languageId: 'javascript', startLine: 40, endLine: 42, code, instruction: 'use const', extraSystemPrompt: '' });
    s.sim.setResponder((req) => {
      const user = (req.body as { messages: { content: string }[] }).messages[1].content;
      const placeholder = /\[REDACTED_[^\]]+\]/.exec(user)![0];
      const reply = '```javascript\nconst connect = () => login("' + placeholder + '");\n```';
      const pieces = reply.match(/.{1,5}/gs)!;
      return streamScenario(pieces);
    });
    let streamed = '';
    const res = await guarded().chat({ model: 'sim-model', stream: true, messages, onDelta: (d) => (streamed += d.content ?? '') });
    assert.ok(!sent().includes(AWS()));
    assert.equal(res.text, '```javascript\nconst connect = () => login("' + AWS() + '");\n```');
    assert.equal(streamed, res.text, 'the streamed text reaches the editor with the real value, never the placeholder');
    assert.deepEqual(masked, [[{ label: 'an AWS access key', where: 'src/db.js, line 41' }]]);
  });

  it('sends text without secrets unchanged and says nothing', async () => {
    s.sim.enqueue(streamScenario(['ok']));
    await guarded().chat({ model: 'sim-model', stream: true, messages: [{ role: 'user', content: 'const token = getToken();' }] });
    assert.match(sent(), /const token = getToken\(\);/);
    assert.deepEqual(masked, []);
  });

  it('asks before a request above chat.confirmAboveUsd, with the estimate, and sends nothing when declined', async () => {
    answer = false;
    const big = 'x'.repeat(2_000_000);
    await assert.rejects(guarded().chat({ model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: big }] }), (e: { kind: string }) => e.kind === 'cancelled');
    assert.equal(asked.length, 1);
    assert.match(asked[0], /about 500,000 tokens to gpt-4\.1, an estimated \$1\.00/);
    assert.equal(s.sim.requests.length, 0, 'the relay received the request');
  });

  it('sends after Send, and does not ask below the limit or for a model without a price', async () => {
    s.sim.enqueue(streamScenario(['ok']), streamScenario(['ok']), streamScenario(['ok']));
    await guarded().chat({ model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] });
    await guarded().chat({ model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: 'small' }] });
    await guarded().chat({ model: 'sim-model', stream: true, messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] });
    assert.equal(asked.length, 1);
    assert.equal(s.sim.requests.filter((r) => r.method === 'POST').length, 3);
  });
});
