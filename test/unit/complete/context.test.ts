// Context gathering: windows within the budget cut at line boundaries; snippets ranked by similarity.
import * as assert from 'node:assert/strict';
import { gatherContext, headWindow, tailWindow } from '../../../src/core/complete/context';
import { rankSnippets } from '../../../src/core/complete/snippets';
import { isLocalOrigin } from '../../../src/core/complete/local';
import { Debouncer } from '../../../src/core/complete/debounce';
import { languageEnabled } from '../../../src/core/complete/languages';
import { CostMeter, formatUsd } from '../../../src/core/complete/costMeter';

describe('complete: context, snippets, local servers, debounce', () => {
  it('cuts the prefix and suffix windows at line boundaries', () => {
    assert.equal(tailWindow('aaaa\nbbbb\ncc', 8), 'bbbb\ncc');
    assert.equal(headWindow('aa\nbbbb\ncccc', 8), 'aa\nbbbb');
  });

  it('keeps prefix + suffix + snippets within the token budget', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i} of the file`).join('\n');
    const ctx = gatherContext({ path: 'a.ts', languageId: 'typescript', text, offset: text.length / 2 }, [], { tokens: 256 });
    assert.ok(ctx.prefix.length + ctx.suffix.length <= 256 * 4);
    assert.ok(text.slice(0, text.length / 2).endsWith(ctx.prefix));
  });

  it('ranks snippets by shared identifiers and leaves out unrelated ones', () => {
    const query = 'function totalPrice(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);';
    const out = rankSnippets(query, [
      { path: 'src/unrelated.ts', text: 'export const color = "red";\nexport const size = 3;' },
      { path: 'src/cart.ts', text: 'export interface Item { price: number }\nexport function averagePrice(items: Item[]) { return items.reduce((sum, item) => sum + item.price, 0) / items.length; }' },
    ], 1000);
    assert.deepEqual(out.map((s) => s.path), ['src/cart.ts']);
  });

  it('tells local servers (loopback, private, .local) from relays', () => {
    for (const o of ['http://localhost:11434', 'http://127.0.0.1:8080', 'http://192.168.1.20:1234', 'http://10.0.0.5', 'http://[::1]:8000', 'http://gpu-box.local:8000']) assert.equal(isLocalOrigin(o), true, o);
    for (const o of ['https://api.deepseek.com', 'https://api.holysheep.ai', 'http://172.32.0.1']) assert.equal(isLocalOrigin(o), false, o);
  });

  it('adapts the debounce to the typing rhythm within 75-350 ms', () => {
    const fast = new Debouncer();
    for (let t = 0; t < 1000; t += 40) fast.keystroke(t);
    assert.equal(fast.delayMs(), 75);
    const slow = new Debouncer();
    for (let t = 0; t < 5000; t += 300) slow.keystroke(t);
    assert.equal(slow.delayMs(), 350);
    const medium = new Debouncer();
    for (let t = 0; t < 3000; t += 120) medium.keystroke(t);
    assert.equal(medium.delayMs(), 180);
    assert.equal(new Debouncer(200).delayMs(), 200);
  });
});

describe('complete: the language switch (Copilot\'s shape)', () => {
  it('the language\'s own entry, else `*`, else on', () => {
    const langs = { '*': true, plaintext: false, markdown: false, scminput: false };
    assert.equal(languageEnabled(langs, 'typescript'), true);
    assert.equal(languageEnabled(langs, 'markdown'), false);
    assert.equal(languageEnabled({ '*': false, python: true }, 'python'), true);
    assert.equal(languageEnabled({ '*': false, python: true }, 'go'), false);
    assert.equal(languageEnabled({}, 'go'), true);
  });
});

describe('complete: cost per hour of typing', () => {
  it('divides the cost by the time spent typing (gaps capped at a minute); unknown before a minute of typing', () => {
    const m = new CostMeter();
    m.keystroke(0);
    m.add(0.001);
    assert.equal(m.perHour(), null);
    for (let t = 200; t <= 120_000; t += 200) m.keystroke(t);
    m.keystroke(10 * 60_000); // a 8-minute break counts as one minute
    m.add(0.002);
    m.add(null);
    assert.equal(m.typingMs, 180_000);
    assert.ok(Math.abs(m.perHour()! - 0.06) < 1e-9);
    assert.equal(formatUsd(0.06), '$0.06');
    assert.equal(formatUsd(0.0042), '$0.0042');
  });
});
