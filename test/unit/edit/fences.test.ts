import { strict as assert } from 'node:assert';
import { FenceCleaner, stripFences } from '../../../src/core/edit/fences';

/** Feeds `reply` split at the given offsets and returns every intermediate text() and the final code. */
function feed(reply: string, cuts: number[]): { shown: string[]; code: string } {
  const cleaner = new FenceCleaner();
  const shown: string[] = [];
  let from = 0;
  for (const cut of [...cuts, reply.length]) {
    cleaner.push(reply.slice(from, cut));
    shown.push(cleaner.text());
    from = cut;
  }
  return { shown, code: cleaner.finish() };
}

const PROSE_REPLY = 'Here is the simplified version:\n\n```ts\nconst a = 1;\n  return a;\n```\n\nThis removes the temporary variable.\n';

describe('edit/fences: stripFences', () => {
  it('keeps only the code of a fenced reply with prose before and after', () => {
    assert.equal(stripFences(PROSE_REPLY), 'const a = 1;\n  return a;');
  });

  it('returns a bare-code reply unchanged (minus trailing blank lines)', () => {
    assert.equal(stripFences('let x = 1;\nlet y = 2;\n\n'), 'let x = 1;\nlet y = 2;');
  });

  it('accepts CRLF replies and tilde fences with an info string', () => {
    assert.equal(stripFences('Sure:\r\n~~~python title\r\ndef f():\r\n    pass\r\n~~~\r\n'), 'def f():\n    pass');
  });

  it('does not end the block at a shorter fence or a fence with text after it', () => {
    const reply = '````md\n```js\nx\n```\n````\n';
    assert.equal(stripFences(reply), '```js\nx\n```');
  });

  it('keeps only the first block when the reply has several', () => {
    assert.equal(stripFences('```js\na();\n```\nUsage:\n```js\nb();\n```'), 'a();');
  });

  it('takes the block even after prose long enough to look like bare code', () => {
    const reply = 'I looked at the function.\nIt loops twice.\nOne loop is enough.\nThe names are fine.\nHere it is:\n```py\nx = 1\n```\nDone.';
    assert.equal(stripFences(reply), 'x = 1');
  });

  it('gives "" for an empty block or an empty reply', () => {
    assert.equal(stripFences('```js\n```'), '');
    assert.equal(stripFences(''), '');
  });

  it('keeps unicode and blank lines inside the code', () => {
    assert.equal(stripFences('```\nconst s = "héllo 🌍";\n\n// 日本語\n```'), 'const s = "héllo 🌍";\n\n// 日本語');
  });

  it('keeps an unterminated block (a cut-off stream) as code', () => {
    assert.equal(stripFences('```js\nfoo();\nbar('), 'foo();\nbar(');
  });
});

describe('edit/fences: incremental cleaning', () => {
  it('never shows the prose line or the opening fence, and shows code as it arrives', () => {
    const midLine = PROSE_REPLY.indexOf('const a') + 'const a'.length;
    const { shown, code } = feed(PROSE_REPLY, [10, 33, 36, midLine, midLine + 9, PROSE_REPLY.indexOf('This') + 2]);
    for (const s of shown) {
      assert.ok(!s.includes('Here is'), `prose shown: ${JSON.stringify(s)}`);
      assert.ok(!s.includes('`'), `fence shown: ${JSON.stringify(s)}`);
      assert.ok(!s.includes('This removes'), `closing prose shown: ${JSON.stringify(s)}`);
    }
    assert.equal(shown[2], '');
    assert.equal(shown[3], 'const a'); // a partial line that cannot be a fence is shown at once
    assert.equal(code, 'const a = 1;\n  return a;');
  });

  it('holds back a partial line that may become the closing fence', () => {
    const cleaner = new FenceCleaner();
    cleaner.push('```js\nx();\n``');
    assert.equal(cleaner.text(), 'x();\n');
    cleaner.push('`\nmore prose');
    assert.equal(cleaner.text(), 'x();\n');
    assert.equal(cleaner.finish(), 'x();');
  });

  it('holds bare code back until it is clearly not prose before a fence', () => {
    const cleaner = new FenceCleaner();
    cleaner.push('a();\nb();\nc();\n');
    assert.equal(cleaner.text(), '');
    cleaner.push('d();\ne(');
    assert.equal(cleaner.text(), 'a();\nb();\nc();\nd();\ne(');
  });

  it('gives the same code as stripFences for every single split point, and only ever grows what it shows', () => {
    const replies = [PROSE_REPLY, 'x\r\ny\r\nz\r\nw\r\n', '```\r\n\tif (a) {\r\n\t\tb(); // ü 🎉\r\n\t}\r\n```\r\n', 'one line no newline'];
    for (const reply of replies) {
      const expected = stripFences(reply);
      for (let cut = 0; cut <= reply.length; cut++) {
        const { shown, code } = feed(reply, [cut]);
        assert.equal(code, expected, `cut at ${cut} of ${JSON.stringify(reply)}`);
        assert.ok(shown[1].startsWith(shown[0]), `shown text shrank at cut ${cut}`);
      }
    }
  });

  it('gives the same code for a reply fed one character at a time, and every shown text is a prefix of the code', () => {
    const reply = 'Refactored:\n```ts\nfunction f(a: number): number {\n  return a * 2;\n}\n```\nDone.';
    const cuts = Array.from({ length: reply.length - 1 }, (_, i) => i + 1);
    const { shown, code } = feed(reply, cuts);
    assert.equal(code, stripFences(reply));
    for (const s of shown) assert.ok((code + '\n').startsWith(s), `not a prefix: ${JSON.stringify(s)}`);
  });
});
