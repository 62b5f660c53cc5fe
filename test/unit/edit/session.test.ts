import { strict as assert } from 'node:assert';
import { EditSession, parseSavedSession } from '../../../src/core/edit/session';

const SPACES = { useTabs: false, tabSize: 4 };
const TABS = { useTabs: true, tabSize: 4 };

/** Runs a whole reply through a session in the given pieces and returns the session in review. */
function reviewed(originalText: string, reply: string, opts: { eol?: '\n' | '\r\n'; style?: typeof SPACES } = {}): EditSession {
  const session = new EditSession(originalText, opts.eol ?? '\n', opts.style ?? SPACES);
  session.push(reply);
  session.finishReply(reply);
  return session;
}

describe('edit/session: streaming', () => {
  it('keeps the original as the region\'s text while the reply streams; the code so far is only a preview', () => {
    const session = new EditSession('    var a = 1;\n    var b = 2;\n', '\n', SPACES);
    assert.deepEqual(session.view(), { text: '    var a = 1;\n    var b = 2;\n', inserted: [], removed: [], pending: [] });
    session.push('Sure!\n```js\nconst a = 1;\nconst b');
    assert.equal(session.view().text, '    var a = 1;\n    var b = 2;\n');
    assert.equal(session.preview(), '    const a = 1;\n    const b\n');
  });

  it('the preview keeps CRLF line endings of the document while streaming an LF reply', () => {
    const session = new EditSession('a\r\nb\r\n', '\r\n', SPACES);
    session.push('```\nx\ny\n');
    assert.equal(session.preview(), 'x\r\ny\r\n');
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

  it('shows the whole proposal (removed lines beside it, not in it); rejecting one hunk puts exactly its lines back', () => {
    const original = 'a\nb\nc\nd\ne\n';
    const session = reviewed(original, '```\nA\nb\nc\nd\nE\n```');
    const view = session.view();
    assert.equal(view.text, 'A\nb\nc\nd\nE\n');
    assert.deepEqual(view.inserted, [{ start: 0, count: 1 }, { start: 4, count: 1 }]);
    assert.deepEqual(view.removed, [{ line: 0, above: true, lines: ['a'] }, { line: 4, above: true, lines: ['e'] }]);
    assert.ok(session.decide(0, true));
    assert.equal(session.view().text, 'A\nb\nc\nd\nE\n', 'accepting changes nothing in the text');
    assert.deepEqual(session.view().pending.map((h) => h.index), [1]);
    assert.ok(!session.decide(0, false), 'a decided hunk cannot be decided again');
    assert.ok(session.decide(1, false));
    assert.equal(session.view().text, 'A\nb\nc\nd\ne\n');
    assert.ok(session.allDecided);
    assert.equal(session.resolvedText(), 'A\nb\nc\nd\ne\n');
  });

  it('a pure deletion has its marker on the next line, or below the last line at the end', () => {
    const middle = reviewed('a\nx\nb\n', '```\na\nb\n```');
    assert.deepEqual(middle.view().removed, [{ line: 1, above: true, lines: ['x'] }]);
    const end = reviewed('a\nb\nx\n', '```\na\nb\n```');
    assert.deepEqual(end.view().removed, [{ line: 1, above: false, lines: ['x'] }]);
  });

  it('saves and restores a review half decided, exactly', () => {
    const session = reviewed('a\nb\nc\nd\ne\n', '```\nA\nb\nc\nd\nE\n```');
    session.decide(1, false);
    const saved = JSON.parse(JSON.stringify(session.save())) as unknown;
    const parsed = parseSavedSession(saved);
    assert.ok(parsed);
    const back = EditSession.restore(parsed, SPACES);
    assert.equal(back.phase, 'review');
    assert.deepEqual(back.view(), session.view());
    back.decide(0, true);
    assert.equal(back.resolvedText(), 'A\nb\nc\nd\ne\n');
  });

  it('refuses stored data that is not a saved review', () => {
    const good = reviewed('a\n', '```\nb\n```').save();
    for (const bad of [null, 'x', { ...good, eol: '\r' }, { ...good, states: [] }, { ...good, hunks: [{ origStart: 0, origCount: 9, newStart: 0, newCount: 1 }] }, { ...good, modified: [1] }]) {
      assert.equal(parseSavedSession(bad), null, JSON.stringify(bad));
    }
  });

  it('an empty replacement removes the lines and their line breaks entirely', () => {
    const session = reviewed('one\ntwo\n', '```\n```');
    assert.equal(session.view().text, '');
    assert.deepEqual(session.view().removed, [{ line: 0, above: false, lines: ['one', 'two'] }]);
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
    assert.equal(session.view().text, 'A\nb\nC\n');
    assert.ok(session.editLine(1, 'b // note'));
    assert.equal(session.view().text, 'A\nb // note\nC\n');
    session.decide(0, true);
    session.decide(1, false);
    assert.equal(session.resolvedText(), 'A\nb // note\nc\n');
  });

  it('an edit in a rejected hunk belongs to the original lines put back', () => {
    const session = reviewed('a\nb\n', '```\nA\nb\n```');
    session.decide(0, false);
    assert.ok(session.editLine(0, 'a2'));
    assert.equal(session.resolvedText(), 'a2\nb\n');
  });

  it('an edit in a new line of a pending hunk accepts that hunk with the edit', () => {
    const session = reviewed('a\nb\nc\nd\n', '```\na\nB\nc\nd\nE\n```');
    assert.equal(session.view().text, 'a\nB\nc\nd\nE\n');
    assert.ok(session.editLine(1, 'B2'));
    assert.deepEqual(session.view().pending.map((h) => h.index), [1]);
    assert.ok(!session.editLine(9, 'x'), 'outside the region');
    session.decideAll(false);
    assert.equal(session.resolvedText(), 'a\nB2\nc\nd\n');
  });
});

describe('edit/session: undo and redo of decisions', () => {
  it('steps back and forth through decisions; undecided hunks stay pending; a new decision clears Redo', () => {
    const session = reviewed('a\nb\nc\nd\ne\nf\ng\n', '```\nA\nb\nC\nd\nE\nf\nG\n```');
    assert.equal(session.hunks.length, 4);
    assert.ok(!session.canUndoDecision && !session.undoDecision(), 'nothing to undo before a decision');
    session.decide(0, true);
    session.decide(1, false);
    assert.equal(session.view().text, 'A\nb\nc\nd\nE\nf\nG\n');
    assert.ok(session.undoDecision());
    assert.equal(session.view().text, 'A\nb\nC\nd\nE\nf\nG\n', 'the rejected hunk shows its new lines again');
    assert.deepEqual(session.view().pending.map((h) => h.index), [1, 2, 3]);
    assert.ok(session.undoDecision());
    assert.deepEqual(session.view().pending.map((h) => h.index), [0, 1, 2, 3]);
    assert.ok(!session.undoDecision());
    assert.ok(session.redoDecision() && session.redoDecision());
    assert.equal(session.view().text, 'A\nb\nc\nd\nE\nf\nG\n');
    assert.ok(!session.redoDecision());
    session.undoDecision();
    session.decide(3, false);
    assert.ok(!session.canRedoDecision, 'a new decision ends the redo history');
    assert.deepEqual(session.view().pending.map((h) => h.index), [1, 2]);
  });

  it('Accept All / Reject All is one step', () => {
    const session = reviewed('a\nb\nc\n', '```\nA\nb\nC\n```');
    session.decide(0, false);
    session.decideAll(true);
    assert.ok(session.allDecided);
    session.undoDecision();
    assert.deepEqual(session.view().pending.map((h) => h.index), [1]);
    assert.equal(session.view().text, 'a\nb\nC\n');
  });

  it('the decision history is saved with the review and comes back with it (a malformed one is dropped, not the review)', () => {
    const session = reviewed('a\nb\nc\n', '```\nA\nb\nC\n```');
    session.decide(0, false);
    session.decide(1, true);
    session.undoDecision();
    const saved = parseSavedSession(JSON.parse(JSON.stringify(session.save())))!;
    const back = EditSession.restore(saved, SPACES);
    assert.ok(back.canUndoDecision && back.canRedoDecision);
    back.undoDecision();
    assert.deepEqual(back.view().pending.map((h) => h.index), [0, 1]);
    const odd = parseSavedSession({ ...session.save(), undo: [['pending']], redo: 'x' })!;
    assert.deepEqual([odd.undo, odd.redo], [[], []]);
  });
});
