import { strict as assert } from 'node:assert';
import { EditSession } from '../../../src/core/edit/session';
import { ReviewStore, locate } from '../../../src/features/edit/store';

/** The part of vscode.Memento the store uses, in memory. */
function memento(initial?: unknown) {
  const data = new Map<string, unknown>(initial === undefined ? [] : [['relayAssistant.edit.pendingReviews', initial]]);
  return {
    get: (key: string) => data.get(key),
    update: async (key: string, value: unknown) => void data.set(key, value),
    keys: () => [...data.keys()],
  };
}

const saved = () => {
  const s = new EditSession('a\nb\n', '\n', { useTabs: false, tabSize: 4 });
  s.review('A\nb');
  return s.save();
};

describe('edit/store: pending reviews kept for a reload', () => {
  it('keeps one review per file, replaces it, and forgets it', async () => {
    const store = new ReviewStore(memento() as never);
    await store.put({ uri: 'file:///a.js', start: 3, text: 'A\nb\n', session: saved() });
    await store.put({ uri: 'file:///b.js', start: 0, text: 'x', session: saved() });
    await store.put({ uri: 'file:///a.js', start: 5, text: 'A\nb\n', session: saved() });
    assert.equal(store.get('file:///a.js')?.start, 5);
    await store.remove('file:///a.js');
    assert.equal(store.get('file:///a.js'), undefined);
    assert.equal(store.get('file:///b.js')?.text, 'x');
  });

  it('ignores anything in storage that is not a saved review', () => {
    const store = new ReviewStore(memento(['junk', { uri: 'file:///a.js', start: -1, text: 'x', session: saved() }, { uri: 'file:///b.js', start: 0, text: 'x', session: { ...saved(), eol: 'x' } }, { uri: 'file:///c.js', start: 0, text: 'x', session: saved() }]) as never);
    assert.equal(store.get('file:///a.js'), undefined);
    assert.equal(store.get('file:///b.js'), undefined);
    assert.equal(store.get('file:///c.js')?.text, 'x');
    assert.equal(new ReviewStore(memento({ not: 'a list' }) as never).get('file:///c.js'), undefined);
  });

  it('finds the region where it was, else at its only occurrence, else nowhere', () => {
    assert.equal(locate('xxA\nb\n', 2, 'A\nb\n'), 2);
    assert.equal(locate('// new\nxxA\nb\n', 2, 'A\nb\n'), 9);
    assert.equal(locate('A\nb\nA\nb\n', 1, 'A\nb\n'), undefined, 'two places: not guessed');
    assert.equal(locate('other', 0, 'A\nb\n'), undefined);
  });
});
