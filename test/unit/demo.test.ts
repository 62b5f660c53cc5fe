import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLAIN_SYSTEM_PROMPT, buildRefactorMessages } from '../../src/core/edit/prompts';
import { reviewMessages } from '../../src/core/review/prompt';
import { DEMO_MODELS, demoResponder, refactorJavaScript, refactorPython, reviewLines, splitIntoDeltas } from '../support/demo';
import { startSimulator, type Simulator } from '../support/simulator';

const FIXTURES = join(__dirname, '..', 'fixtures', 'workspace');

async function post(sim: Simulator, body: object): Promise<Response> {
  return fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The content deltas of an SSE answer, in order. */
async function streamedDeltas(res: Response): Promise<string[]> {
  const text = await res.text();
  const deltas: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const content = JSON.parse(line.slice(6)).choices?.[0]?.delta?.content;
    if (typeof content === 'string') deltas.push(content);
  }
  return deltas;
}

async function completionText(res: Response): Promise<string> {
  const json = (await res.json()) as { choices: { message: { content: string } }[] };
  return json.choices[0].message.content;
}

describe('demo relay', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
  });
  beforeEach(() => {
    sim.reset();
    sim.setResponder(demoResponder({ deltaDelayMs: 0 }));
  });
  after(() => sim.close());

  it('lists its models on GET /models', async () => {
    const res = await fetch(`${sim.url}/models`);
    const json = (await res.json()) as { data: { id: string }[] };
    assert.deepEqual(json.data.map((m) => m.id), DEMO_MODELS);
  });

  it('streams a chat answer in several deltas, in Markdown with a code block, saying it is a demo', async () => {
    const res = await post(sim, { model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: 'How do I greet someone?' }] });
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const deltas = await streamedDeltas(res);
    assert.ok(deltas.length > 5, `only ${deltas.length} deltas`);
    const text = deltas.join('');
    assert.match(text, /demo relay/i);
    assert.match(text, /```ts\n[\s\S]+\n```/);
    assert.match(text, /How do I greet someone\?/);
  });

  it('answers a longer stream when asked for something long (time to press Stop)', async () => {
    const short = await streamedDeltas(await post(sim, { stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    const long = await streamedDeltas(await post(sim, { stream: true, messages: [{ role: 'user', content: 'write a long answer' }] }));
    assert.ok(long.length > short.length * 4, `long ${long.length} vs short ${short.length}`);
  });

  it('refactors the last fenced block of a refactor prompt mechanically', async () => {
    const messages = buildRefactorMessages({
      instruction: 'Modernise', extraSystemPrompt: '', relativePath: 'src/a.js', languageId: 'javascript', startLine: 1, endLine: 4,
      code: 'var rate = 2;   \nvar n = 0;\nif (n == rate) n = n + 1;\nif (n != 3) n++;',
    });
    const res = await post(sim, { stream: true, messages });
    const text = (await streamedDeltas(res)).join('');
    assert.equal(text, '```javascript\nconst rate = 2;\nlet n = 0;\nif (n === rate) n = n + 1;\nif (n !== 3) n++;\n```');
  });

  it('reviews a file with correct 1-based line numbers (non-streaming JSON)', async () => {
    const source = readFileSync(join(FIXTURES, 'src', 'cart.js'), 'utf8').split('\n');
    const res = await post(sim, { stream: false, messages: reviewMessages('src/cart.js', 'javascript', { startLine: 1, lines: source }, source.length) });
    const findings = (JSON.parse(await completionText(res)) as { findings: { line: number; rule: string }[] }).findings;
    const expected = (rule: string, pattern: RegExp) => ({ rule, line: source.findIndex((l) => pattern.test(l)) + 1 });
    assert.deepEqual(
      findings.map((f) => ({ rule: f.rule, line: f.line })),
      [expected('debug-output', /console\.log/), expected('todo', /TODO/), expected('long-line', /.{121}/)],
    );
  });

  it('explains a selection without pretending to be a model', async () => {
    const prompt = `${EXPLAIN_SYSTEM_PROMPT}\n\nFile: a.js (javascript), lines 1-2.\n\nSelected code:\n\`\`\`javascript\nfunction add(a, b) {\n  return a + b; // TODO: overflow\n}\n\`\`\``;
    const text = (await streamedDeltas(await post(sim, { stream: true, messages: [{ role: 'system', content: 'chat' }, { role: 'user', content: prompt }] }))).join('');
    assert.match(text, /Demo relay/);
    assert.match(text, /`add`/);
    assert.match(text, /Line 2: TODO left in the code: overflow/);
  });
});

describe('demo relay checks', () => {
  it('finds empty catch blocks over one or two lines, and empty except: pass', () => {
    const findings = reviewLines(['try {', '  x();', '} catch (e) {', '', '}', 'try { y(); } catch {}', 'try:', '    z()', 'except ValueError:', '    pass']);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'empty-catch').map((f) => [f.line, f.endLine]),
      [[3, 5], [6, 6], [9, 10]],
    );
  });

  it('finds print() left in Python and FIXME notes', () => {
    const findings = reviewLines(['def f():', '    print("x")', '# FIXME: months missing']);
    assert.deepEqual(findings.map((f) => [f.line, f.rule]), [[2, 'debug-output'], [3, 'todo']]);
  });

  it('adds a JSDoc line to undocumented functions only', () => {
    const out = refactorJavaScript('/** Documented. */\nfunction a() {}\nfunction b(x, y = 2) {}');
    assert.equal(out, '/** Documented. */\nfunction a() {}\n/** b(x, y). */\nfunction b(x, y = 2) {}');
  });

  it('leaves === and !== alone', () => {
    assert.equal(refactorJavaScript('if (a === b && c !== d) {}'), 'if (a === b && c !== d) {}');
  });

  it('rewrites == None comparisons in Python', () => {
    assert.equal(refactorPython('if x == None or y != None:  '), 'if x is None or y is not None:');
  });

  it('splits text into deltas that join back to it', () => {
    const text = 'one two  three\nfour five six seven';
    const deltas = splitIntoDeltas(text, 2);
    assert.equal(deltas.join(''), text);
    assert.equal(deltas.length, 4);
  });
});
