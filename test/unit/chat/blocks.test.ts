import { strict as assert } from 'node:assert';
import { BlockSplitter } from '../../../src/webview/blocks';
import { renderMarkdown } from '../../../src/webview/markdown';

const DOC = [
  '# Plan',
  '',
  'First we read the file. Then we parse it.',
  '',
  '```ts',
  'function f() {',
  '',
  '  return 1;',
  '}',
  '```',
  'After the code.',
  '',
  '- one',
  '- two',
  '',
  '> quoted',
  '',
  '~~~~',
  '```',
  'inner fence is text',
  '',
  '~~~~',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  'Done.',
].join('\n');

/** Feeds `doc` in pieces cut by `cuts`; returns finished pieces and the tail. */
function feed(doc: string, step: number): { blocks: string[]; tail: string; splitter: BlockSplitter } {
  const s = new BlockSplitter();
  const blocks: string[] = [];
  for (let i = 0; i < doc.length; i += step) {
    s.append(doc.slice(i, i + step));
    const b = s.takeFinished();
    if (b) blocks.push(b);
  }
  return { blocks, tail: s.tail, splitter: s };
}

describe('streaming Markdown block splitter', () => {
  it('hands out every character exactly once, whatever the chunk size', () => {
    for (const step of [1, 2, 3, 7, 64, DOC.length]) {
      const { blocks, splitter } = feed(DOC, step);
      assert.equal(blocks.join('') + splitter.takeAll(), DOC, `step ${step}`);
    }
  });

  it('rendering finished blocks one by one gives the same HTML as rendering the whole answer', () => {
    for (const step of [1, 5, 13]) {
      const { blocks, splitter } = feed(DOC, step);
      const pieces = [...blocks, splitter.takeAll()].map((b) => renderMarkdown(b)).join('');
      assert.equal(pieces.replace(/\n/g, ''), renderMarkdown(DOC).replace(/\n/g, ''), `step ${step}`);
      assert.ok(blocks.length >= 5, `blocks were finished while streaming (${blocks.length})`);
    }
  });

  it('never ends a block inside a code fence, even at a blank line', () => {
    const { blocks } = feed('```py\na = 1\n\n\nb = 2\n', 1);
    assert.deepEqual(blocks, []);
    const closed = feed('```py\na = 1\n\nb = 2\n```\nnext\n', 1);
    assert.deepEqual(closed.blocks, ['```py\na = 1\n\nb = 2\n```\n']);
  });

  it('waits when the line after a blank line is indented (it may continue a list item)', () => {
    const { blocks, tail } = feed('1. step\n\n    more of step one\n', 1);
    assert.deepEqual(blocks, []);
    assert.equal(tail, '1. step\n\n    more of step one\n');
  });

  it('keeps the tail small: finished text leaves the tail', () => {
    const para = 'word '.repeat(50).trim();
    const doc = Array.from({ length: 200 }, () => para).join('\n\n');
    const { tail } = feed(doc, 17);
    assert.ok(tail.length <= para.length + 2, `tail ${tail.length}`);
  });
});

describe('answer Markdown rendering', () => {
  it('does not pass raw HTML through', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> <script>alert(1)</script>');
    assert.ok(!html.includes('<img') && !html.includes('<script'), html);
  });

  it('does not create javascript: links', () => {
    const html = renderMarkdown('[x](javascript:alert(1)) [y](https://example.com)');
    assert.ok(!/href="javascript/i.test(html), html);
    assert.match(html, /href="https:\/\/example.com"/);
  });

  it('wraps code in a block with the four actions and highlights known languages only', () => {
    const html = renderMarkdown('```ts\nconst x = 1;\n```\n```nosuchlang\n<b>\n```');
    assert.match(html, /class="code-block" data-lang="ts"/);
    for (const a of ['copy', 'insert', 'apply', 'newFile']) assert.ok(html.includes(`data-code-action="${a}"`), a);
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.ok(html.includes('&lt;b&gt;'), 'unknown language is escaped text');
    const plain = renderMarkdown('```ts\nconst x = 1;\n```', { highlight: false });
    assert.ok(!plain.includes('hljs-keyword'));
  });

  it('escapes a hostile language name', () => {
    const html = renderMarkdown('```"><script>\nx\n```');
    assert.ok(!html.includes('<script>'), html);
  });
});
