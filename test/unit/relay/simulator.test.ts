// The simulator's own contract (other suites, `npm start` and the benchmark rely on it).
import { strict as assert } from 'node:assert';
import { startSimulator, type Simulator } from '../../support/simulator';
import { DONE, chunk, completion, sseEvent, streamScenario } from '../../support/sse';
import { inWavesOf } from '../../support/waves';

describe('relay simulator', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  beforeEach(() => sim.reset());
  after(async () => sim.close());

  const post = (body: unknown) => fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 with a picked port under /v1', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('serves queued scenarios first-in first-out, then the responder, and records requests', async () => {
    sim.enqueue({ body: completion('one') }, { status: 503, body: { error: { message: 'two' } } });
    sim.setResponder((req) => ({ body: completion(`echo ${req.body.n}`) }));
    const a = await (await post({ n: 1 })).json();
    const b = await post({ n: 2 });
    const c = await (await post({ n: 3 })).json();
    assert.equal(a.choices[0].message.content, 'one');
    assert.equal(b.status, 503);
    assert.equal(c.choices[0].message.content, 'echo 3');
    assert.deepEqual(sim.requests.map((r) => [r.method, r.path, r.body.n]), [['POST', '/v1/chat/completions', 1], ['POST', '/v1/chat/completions', 2], ['POST', '/v1/chat/completions', 3]]);
  });

  it('writes steps byte-exact with SSE content type and the given headers', async () => {
    const steps = [sseEvent(chunk({ content: 'a' })), { delayMs: 1 }, DONE];
    sim.enqueue({ headers: { 'x-request-id': 'r1' }, steps });
    const res = await post({});
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(res.headers.get('x-request-id'), 'r1');
    assert.equal(await res.text(), `${steps[0]}${DONE}`);
  });

  it('answers with an echo by default, streaming when asked, and lists models', async () => {
    const streamed = await (await post({ stream: true, messages: [{ role: 'user', content: 'ping' }] })).text();
    assert.match(streamed, /"content":"ping"/);
    assert.ok(streamed.endsWith(DONE));
    const whole = await (await post({ messages: [{ role: 'user', content: 'ping' }] })).json();
    assert.equal(whole.choices[0].message.content, 'Echo: ping');
    const models = await (await fetch(`${sim.url}/models`)).json();
    assert.ok(models.data.length > 0);
  });

  it('tracks requests in flight and the maximum', async () => {
    sim.setResponder(inWavesOf(3, () => ({ body: completion('x') })));
    await Promise.all([post({}), post({}), post({})].map(async (p) => (await p).text()));
    assert.equal(sim.maxInFlight, 3);
    assert.equal(sim.inFlight, 0);
  });

  it('builds a stream scenario with finish, usage and [DONE]', () => {
    const s = streamScenario(['a'], { usage: { prompt_tokens: 1, completion_tokens: 2 } });
    const body = (s.steps ?? []).join('');
    assert.match(body, /"finish_reason":"stop"/);
    assert.match(body, /"total_tokens":3/);
    assert.ok(body.endsWith('data: [DONE]\n\n'));
  });
});
