// Post-processing, one rule at a time, then the whole chain.
import * as assert from 'node:assert/strict';
import { cutAtBlockEnd, cutAtStop, cutAtSuffix, cutRepeats, firstLine, postProcess, stripEchoedPrefix, stripFences } from '../../../src/core/complete/postprocess';
import { midLineAllowed, opensBlock } from '../../../src/core/complete/shape';

describe('complete: post-processing', () => {
  it('cuts at the first stop token', () => {
    assert.equal(cutAtStop('a + b<|endoftext|>junk<|fim_prefix|>', ['<|fim_prefix|>', '<|endoftext|>']), 'a + b');
    assert.equal(cutAtStop('abc', []), 'abc');
  });

  it('strips a code fence around a chat answer', () => {
    assert.equal(stripFences('```ts\nreturn a + b;\n```'), 'return a + b;');
    assert.equal(stripFences('```\nx\n```\nSome prose after.'), 'x');
    assert.equal(stripFences('no fence'), 'no fence');
  });

  it('strips an echoed line prefix', () => {
    assert.equal(stripEchoedPrefix('const total = items.length;', 'function f() {\n  const total = '), 'items.length;');
    assert.equal(stripEchoedPrefix('items.length;', '  const total = '), 'items.length;');
  });

  it('cuts where the text repeats the rest of the line or the next line', () => {
    assert.equal(cutAtSuffix('a, b)', ')'), 'a, b');
    assert.equal(cutAtSuffix('x = 1;\n  return x;\n}', '\n  return x;\n}'), 'x = 1;');
  });

  it('stops at the end of the block by indentation', () => {
    assert.equal(cutAtBlockEnd('total += x;\n  }\n  return total;\n}\nfunction next() {', '    '), 'total += x;');
  });

  it('drops a line repeated right after itself', () => {
    assert.equal(cutRepeats('foo();\nbar();\nbar();\nbar();'), 'foo();\nbar();');
  });

  it('keeps the first line in single-line mode; at the end of a finished line, the next line with its break', () => {
    assert.equal(firstLine('a;\nb;', 'x = '), 'a;');
    assert.equal(firstLine('\n  next();\nmore', '  done();'), '\n  next();');
  });

  it('drops empty and whitespace-only results', () => {
    assert.equal(postProcess('   \n  ', { prefix: 'a', suffix: '', multiline: true }), null);
    assert.equal(postProcess('<|endoftext|>', { prefix: 'a', suffix: '', multiline: false, stop: ['<|endoftext|>'] }), null);
  });

  it('chains the rules: fence, echo, block end, trailing space', () => {
    const out = postProcess('```js\n  if (x) {  \n    y();\n  }\n}\n```', { prefix: 'function f(x) {\n  ', suffix: '\n}\n', multiline: true });
    assert.equal(out, 'if (x) {\n    y();\n  }');
  });

  it('asks mid-line only before closing brackets, quotes and punctuation', () => {
    assert.equal(midLineAllowed(''), true);
    assert.equal(midLineAllowed(');'), true);
    assert.equal(midLineAllowed("')]"), true);
    assert.equal(midLineAllowed(' + b'), false);
  });

  it('multi-line only when the position opens a block', () => {
    assert.equal(opensBlock('function f() {', '\n}'), true);
    assert.equal(opensBlock('if x:', '\n'), true);
    assert.equal(opensBlock('const a = ', ';'), false);
    assert.equal(opensBlock('function f() {\n  ', '\n}'), true);
  });
});
