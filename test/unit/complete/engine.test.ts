// The pipeline against the simulator: what the relay receives as the user types. Forward typing and
// backspace-and-retype send nothing; a keystroke that agrees with the request in flight reuses its
// stream; one that does not aborts it (the socket closes); auto remembers a refused backend.
import * as assert from 'node:assert/strict';
import { CompletionEngine, type EngineSettings } from '../../../src/core/complete/engine';
import type { RuleStore } from '../../../src/core/relay';
import { sseEvent } from '../../support/sse';
import { client, useSimulator } from '../relay/helpers';

const h = useSimulator();

const textChunk = (text: string, finish: string | null = null) => sseEvent({ choices: [{ index: 0, text, finish_reason: finish }] });
const answer = (text: string) => ({ steps: [textChunk(text, 'stop'), sseEvent('[DONE]')] });

function engine(o: Partial<EngineSettings> = {}, rules?: RuleStore, costs: (number | null)[] = []): CompletionEngine {
  const c = client(h.sim);
  return new CompletionEngine({
    client: async () => c,
    settings: () => ({ model: 'qwen2.5-coder:7b', api: 'fim', maxTokens: 64, debounceMs: 0, ...o }),
    origin: () => 'http://127.0.0.1',
    rules,
    onCost: (usd) => costs.push(usd),
  });
}

const at = (text: string, suffix = '\n') => ({ doc: { path: 'a.ts', languageId: 'typescript', text: text + suffix, offset: text.length }, sources: [], invoked: true });

function memoryStore(): RuleStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: (k: string, v: unknown) => void data.set(k, v) };
}

describe('complete: the pipeline', () => {
  it('typing the start of the shown suggestion sends nothing; backspace-and-retype is served from the LRU', async () => {
    h.sim.enqueue(answer('items.length;'));
    const e = engine();
    assert.deepEqual(await e.provide(at('const total = ')), { text: 'items.length;', served: 'request' });
    assert.deepEqual(await e.provide(at('const total = it')), { text: 'ems.length;', served: 'forward' });
    assert.deepEqual(await e.provide(at('const total = items.len')), { text: 'gth;', served: 'forward' });
    assert.deepEqual(await e.provide(at('const total = ')), { text: 'items.length;', served: 'lru' });
    assert.equal(h.sim.requests.length, 1);
  });

  it('a keystroke that agrees with the streaming answer reuses the request in flight', async () => {
    let release!: () => void;
    h.sim.enqueue({ steps: [textChunk('ite'), { until: new Promise<void>((r) => (release = r)) }, textChunk('ms.length;', 'stop'), sseEvent('[DONE]')] });
    const e = engine();
    const typing = new AbortController();
    const first = e.provide({ ...at('const total = '), signal: typing.signal });
    await waitFor(() => h.sim.requests.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    typing.abort();
    const second = e.provide(at('const total = i'));
    release();
    assert.equal(await first, null);
    assert.deepEqual(await second, { text: 'tems.length;', served: 'reuse' });
    assert.equal(h.sim.requests.length, 1);
  });

  it('a keystroke that contradicts the answer aborts the request in flight: its socket closes, a new request goes out', async () => {
    h.sim.enqueue({ steps: [textChunk('foo'), { stall: true }] }, answer(' + 1;'));
    const costs: (number | null)[] = [];
    const e = engine({}, undefined, costs);
    const typing = new AbortController();
    void e.provide({ ...at('const total = '), signal: typing.signal });
    await waitFor(() => h.sim.requests.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    typing.abort();
    const closed = h.sim.waitForClose();
    const second = e.provide(at('const total = x'));
    await closed;
    assert.deepEqual(await second, { text: ' + 1;', served: 'request' });
    assert.equal(h.sim.requests.length, 2);
    assert.equal(h.sim.socketsClosed, 1);
    assert.equal(costs.length, 2, 'the aborted request is counted too');
  });

  it('auto: a backend the relay refuses (404) is remembered per origin and model; the next one is tried', async () => {
    const rules = memoryStore();
    h.sim.enqueue({ status: 404, body: { error: { message: 'no /completions here' } } }, { status: 404, body: {} }, { status: 404, body: {} });
    h.sim.setResponder(() => ({ steps: [sseEvent({ choices: [{ index: 0, delta: { content: 'items.length;' }, finish_reason: 'stop' }] }), sseEvent('[DONE]')] }));
    const e = engine({ api: 'auto' }, rules);
    assert.deepEqual(await e.provide(at('const total = ')), { text: 'items.length;', served: 'request' });
    assert.deepEqual(h.sim.requests.map((r) => r.path), ['/v1/completions', '/v1/completions', '/infill', '/v1/chat/completions']);
    const again = engine({ api: 'auto' }, rules);
    await again.provide(at('let n = '));
    assert.equal(h.sim.requests[4].path, '/v1/chat/completions');
    assert.deepEqual(rules.data.get('complete.failedBackends'), { 'http://127.0.0.1|qwen2.5-coder:7b': ['fim', 'template', 'infill'] });
  });

  it('snippets from other files go into the prompt with their paths, read only when a request goes out', async () => {
    h.sim.enqueue(answer('items.reduce((sum, item) => sum + item.price, 0);'));
    const e = engine();
    let reads = 0;
    const sources = () => {
      reads++;
      return [{ path: 'src/cart.ts', text: 'export function averagePrice(items) {\n  return items.reduce((sum, item) => sum + item.price, 0) / items.length;\n}' }];
    };
    const doc = (text: string) => ({ path: 'src/total.ts', languageId: 'typescript', text, offset: text.length });
    await e.provide({ doc: doc('function totalPrice(items) {\n  return '), sources, invoked: true });
    assert.ok(String(h.sim.requests[0].body.prompt).startsWith('// Path: src/cart.ts\n// export function averagePrice(items) {'));
    assert.ok(String(h.sim.requests[0].body.prompt).includes('// Path: src/total.ts\nfunction totalPrice(items) {'));
    await e.provide({ doc: doc('function totalPrice(items) {\n  return it'), sources, invoked: false });
    assert.equal(reads, 1, 'a keystroke served by the cache read the sources');
  });

  it('an empty answer is cached too: the same position does not ask again', async () => {
    h.sim.enqueue(answer('   '));
    const e = engine();
    assert.equal(await e.provide(at('const total = ')), null);
    assert.equal(await e.provide(at('const total = ')), null);
    assert.equal(h.sim.requests.length, 1);
  });

  it('automatic requests wait for the debounce; a newer keystroke cancels the wait before anything is sent', async () => {
    h.sim.enqueue(answer('1;'));
    const e = engine({ debounceMs: 100 });
    const controller = new AbortController();
    const p = e.provide({ ...at('const a = '), invoked: false, signal: controller.signal });
    controller.abort();
    assert.equal(await p, null);
    assert.equal(h.sim.requests.length, 0);
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
}
