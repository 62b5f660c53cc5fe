import { strict as assert } from 'node:assert';
import { EditSession } from '../../../src/core/edit/session';

const SPACES = { useTabs: false, tabSize: 4 };
const TABS = { useTabs: true, tabSize: 4 };

/** Runs a whole reply through a session in the given pieces and returns the session in review. */
function reviewed(originalText: string, reply: string, opts: { eol?: '\n' | '\r\n'; style?: typeof SPACES } = {}): EditSession {
  const session = new EditSession(originalText, opts.eol ?? '\n', opts.style ?? SPACES);
  session.push(reply);
  session.finishReply(reply);
  return session;
}

describe('edit/session: streaming view', () => {
  it('shows the new lines as they arrive above the original lines, each decorated', () => {
    const session = new EditSession('    var a = 1;\n    var b = 2;\n', '\n', SPACES);
    assert.deepEqual(session.view(), { text: '    var a = 1;\n    var b = 2;\n', inserted: [], removed: [{ start: 0, count: 2 }], pending: [] });
    session.push('Sure!\n```js\nconst a = 1;\nconst b');
    const view = session.view();
    assert.equal(view.text, '    const a = 1;\n    const b\n    var a = 1;\n    var b = 2;\n');
    assert.deepEqual(view.inserted, [{ start: 0, count: 2 }]);
    assert.deepEqual(view.removed, [{ start: 2, count: 2 }]);
  });

  it('keeps CRLF line endings of the document while streaming an LF reply', () => {
    const session = new EditSession('a\r\nb\r\n', '\r\n', SPACES);
    session.push('```\nx\ny\n');
    assert.equal(session.view().text, 'x\r\ny\r\na\r\nb\r\n');
  });
});

describe('edit/session: review and decisions', () => {
  it('accepting everything gives the cleaned, aligned reply in the document\'s CRLF endings', () => {
    const session = reviewed('\tif (a == b) {\r\n\t\tgo();\r\n\t}\r\n', 'Here:\n```js\nif (a === b) {\n    go();\n}\n```\n', { eol: '\r\n', style: TABS });
    assert.equal(session.phase, 'review');
    session.decideAll(true);
    assert.ok(session.allDecided && session.anyAccepted);
    assert.equal(session.resolvedText(), '\tif (a === b) {\r\n\t\tgo();\r\n\t}\r\n');
  });

  it('rejecting everything gives the original text byte for byte', () => {
    const original = '  x = 1  \r\n\r\n  y = "ü🎉"\r\n';
    const session = reviewed(original, '```\nx = 2\n\ny = 3\n```', { eol: '\r\n' });
    session.decideAll(false);
    assert.equal(session.resolvedText(), original);
    assert.equal(session.originalText, original);
  });

  it('accepts one hunk and rejects another, giving exactly that mix', () => {
    const original = 'a\nb\nc\nd\ne\n';
    const session = reviewed(original, '```\nA\nb\nc\nd\nE\n```');
    const view = session.view();
    assert.equal(view.text, 'a\nA\nb\nc\nd\ne\nE\n');
    assert.deepEqual(view.removed, [{ start: 0, count: 1 }, { start: 5, count: 1 }]);
    assert.deepEqual(view.inserted, [{ start: 1, count: 1 }, { start: 6, count: 1 }]);
    assert.ok(session.decide(0, true));
    assert.equal(session.view().text, 'A\nb\nc\nd\ne\nE\n');
    assert.deepEqual(session.view().pending.map((h) => h.index), [1]);
    assert.ok(!session.decide(0, false), 'a decided hunk cannot be decided again');
    assert.ok(session.decide(1, false));
    assert.ok(session.allDecided);
    assert.equal(session.resolvedText(), 'A\nb\nc\nd\ne\n');
  });

  it('an empty replacement removes the lines and their line breaks entirely', () => {
    const session = reviewed('one\ntwo\n', '```\n```');
    assert.deepEqual(session.view().removed, [{ start: 0, count: 2 }]);
    session.decideAll(true);
    assert.equal(session.resolvedText(), '');
  });

  it('a longer and a shorter replacement at the end of a document without a final line break', () => {
    const longer = reviewed('x\ny', '```\nx\ny\nz\n```');
    longer.decideAll(true);
    assert.equal(longer.resolvedText(), 'x\ny\nz');
    const shorter = reviewed('x\ny\nz', 'x');
    shorter.decideAll(true);
    assert.equal(shorter.resolvedText(), 'x');
  });

  it('keeps unicode exactly and finds no hunk when the reply equals the selection', () => {
    const session = reviewed('  // naïve café 🚀\n  return "日本";\n', '```\n// naïve café 🚀\nreturn "日本";\n```');
    assert.equal(session.hunks.length, 0);
    assert.ok(session.allDecided && !session.anyAccepted);
    assert.equal(session.resolvedText(), '  // naïve café 🚀\n  return "日本";\n');
  });

  it('review() takes code as it is, without fence stripping', () => {
    const session = new EditSession('a\n', '\n', SPACES);
    session.review('```\nb');
    session.decideAll(true);
    assert.equal(session.resolvedText(), '```\nb\n');
  });
});

describe('edit/session: typing during review', () => {
  it('an edit in an unchanged line is kept whatever the decisions', () => {
    const session = reviewed('a\nb\nc\n', '```\nA\nb\nC\n```');
    assert.equal(session.view().text, 'a\nA\nb\nc\nC\n');
    assert.ok(session.editLine(2, 'b // note'));
    assert.equal(session.view().text, 'a\nA\nb // note\nc\nC\n');
    session.decide(0, true);
    session.decide(1, false);
    assert.equal(session.resolvedText(), 'A\nb // note\nc\n');
  });

  it('an edit in a decided hunk belongs to the side that was kept', () => {
    const session = reviewed('a\nb\n', '```\nA\nb\n```');
    session.decide(0, true);
    assert.equal(session.phase, 'review');
    assert.ok(session.editLine(0, 'A2'));
    assert.equal(session.resolvedText(), 'A2\nb\n');
  });

  it('refuses an edit in a line of a pending hunk, or outside the region', () => {
    const session = reviewed('a\nb\nc\nd\n', '```\na\nB\nc\nd\nE\n```');
    assert.equal(session.view().text, 'a\nb\nB\nc\nd\nE\n');
    assert.ok(!session.editLine(1, 'x'));
    assert.ok(!session.editLine(2, 'x'));
    assert.ok(!session.editLine(5, 'x'));
    assert.ok(!session.editLine(6, 'x'));
    assert.ok(session.editLine(4, 'd!'));
    session.decideAll(true);
    assert.equal(session.resolvedText(), 'a\nB\nc\nd!\nE\n');
  });
});
