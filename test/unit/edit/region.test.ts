import { strict as assert } from 'node:assert';
import { RegionTracker } from '../../../src/core/edit/region';

describe('edit/region: tracking a region while the document changes', () => {
  it('moves with insertions and deletions before it, ignores changes after it', () => {
    const r = new RegionTracker(10, 20);
    r.onDocumentChange(2, [{ offset: 0, length: 0, text: 'abc' }]);
    assert.deepEqual([r.start, r.end], [13, 23]);
    r.onDocumentChange(3, [{ offset: 5, length: 4, text: '' }]);
    assert.deepEqual([r.start, r.end], [9, 19]);
    r.onDocumentChange(4, [{ offset: 19, length: 0, text: 'tail' }, { offset: 30, length: 3, text: '' }]);
    assert.deepEqual([r.start, r.end], [9, 19]);
    assert.equal(r.conflict, null);
  });

  it('applies several changes of one event against the text before the event', () => {
    const r = new RegionTracker(10, 20);
    r.onDocumentChange(2, [
      { offset: 2, length: 0, text: 'xx' },
      { offset: 8, length: 1, text: '' },
    ]);
    assert.deepEqual([r.start, r.end], [11, 21]);
  });

  it('reports a change touching the region as a conflict, including typing at its first character', () => {
    for (const change of [
      { offset: 12, length: 0, text: 'x' },
      { offset: 10, length: 0, text: 'x' },
      { offset: 5, length: 6, text: '' },
      { offset: 19, length: 3, text: 'y' },
    ]) {
      const r = new RegionTracker(10, 20);
      r.onDocumentChange(2, [change]);
      assert.deepEqual(r.conflict, change);
    }
  });

  it('whole lines inserted at the region start go above it (not a conflict)', () => {
    const r = new RegionTracker(10, 20);
    r.onDocumentChange(2, [{ offset: 10, length: 0, text: '// header\r\n' }]);
    assert.deepEqual([r.start, r.end, r.conflict], [21, 31, null]);
  });

  it('a deletion ending right at the region start moves it (not a conflict)', () => {
    const r = new RegionTracker(10, 20);
    r.onDocumentChange(2, [{ offset: 8, length: 2, text: '' }]);
    assert.deepEqual([r.start, r.end, r.conflict], [8, 18, null]);
  });

  it('recognises its own edit by version and resizes the region instead of reporting a conflict', () => {
    const r = new RegionTracker(10, 20);
    r.beginOwnEdit(5, 4, 9);
    r.onDocumentChange(6, [{ offset: 12, length: 4, text: 'replaced!' }]);
    r.endOwnEdit(true);
    assert.deepEqual([r.start, r.end, r.conflict], [10, 25, null]);
  });

  it('a user change that beat our edit (which then failed) is still seen, in order', () => {
    const r = new RegionTracker(10, 20);
    r.beginOwnEdit(5, 4, 9);
    r.onDocumentChange(6, [{ offset: 0, length: 0, text: '//' }]);
    r.endOwnEdit(false);
    assert.deepEqual([r.start, r.end, r.conflict], [12, 22, null]);
  });

  it('a user change right after our edit is applied to the resized region', () => {
    const r = new RegionTracker(10, 20);
    r.beginOwnEdit(5, 0, 5);
    r.onDocumentChange(6, [{ offset: 10, length: 0, text: 'abcde' }]);
    r.onDocumentChange(7, [{ offset: 14, length: 1, text: '' }]);
    r.endOwnEdit(true);
    assert.deepEqual(r.conflict, { offset: 14, length: 1, text: '' });
    assert.equal(r.end, 24);
  });

  it('recognises its own edit when the change event arrives after the edit settled', () => {
    const r = new RegionTracker(10, 20);
    r.beginOwnEdit(5, 0, 6);
    r.endOwnEdit(true);
    assert.equal(r.busy, true, 'the change event of our edit is still to come');
    r.onDocumentChange(6, [{ offset: 10, length: 0, text: 'new\nl\n' }]);
    assert.deepEqual([r.start, r.end, r.conflict, r.busy], [10, 26, null, false]);
    r.onDocumentChange(7, [{ offset: 0, length: 0, text: '//' }]);
    assert.deepEqual([r.start, r.end, r.conflict], [12, 28, null], 'a later user change is the user\'s');
  });

  it('whenSettled waits for the change event of an applied edit', async () => {
    const r = new RegionTracker(10, 20);
    r.beginOwnEdit(5, 0, 2);
    r.endOwnEdit(true);
    let settled = false;
    const waiting = r.whenSettled().then(() => (settled = true));
    await Promise.resolve();
    assert.equal(settled, false);
    r.onDocumentChange(6, [{ offset: 12, length: 0, text: 'ab' }]);
    await waiting;
    assert.equal(r.end, 22);
  });
});
