import { strict as assert } from 'node:assert';
import { RegionTracker } from '../../../src/core/edit/region';

describe('edit/region: tracking a region while the document changes', () => {
  it('moves with insertions and deletions before it, ignores changes after it', () => {
    const r = new RegionTracker(10, 20);
    assert.equal(r.onDocumentChange([{ offset: 0, length: 0, text: 'abc' }]), 'outside');
    assert.deepEqual([r.start, r.end], [13, 23]);
    r.onDocumentChange([{ offset: 5, length: 4, text: '' }]);
    assert.deepEqual([r.start, r.end], [9, 19]);
    assert.equal(r.onDocumentChange([{ offset: 19, length: 0, text: 'tail' }, { offset: 30, length: 3, text: '' }]), 'outside');
    assert.deepEqual([r.start, r.end], [9, 19]);
  });

  it('applies several changes of one event against the text before the event', () => {
    const r = new RegionTracker(10, 20);
    r.onDocumentChange([
      { offset: 2, length: 0, text: 'xx' },
      { offset: 8, length: 1, text: '' },
    ]);
    assert.deepEqual([r.start, r.end], [11, 21]);
  });

  it('reports a change touching the region as inside, including typing at its first character, and follows it', () => {
    const cases: [{ offset: number; length: number; text: string }, [number, number]][] = [
      [{ offset: 12, length: 0, text: 'x' }, [10, 21]],
      [{ offset: 10, length: 0, text: 'x' }, [10, 21]],
      [{ offset: 5, length: 6, text: '' }, [5, 14]],
      [{ offset: 19, length: 3, text: 'y' }, [10, 20]],
    ];
    for (const [change, bounds] of cases) {
      const r = new RegionTracker(10, 20);
      assert.equal(r.onDocumentChange([change]), 'inside', JSON.stringify(change));
      assert.deepEqual([r.start, r.end], bounds, JSON.stringify(change));
    }
  });

  it('whole lines inserted at the region start go above it', () => {
    const r = new RegionTracker(10, 20);
    assert.equal(r.onDocumentChange([{ offset: 10, length: 0, text: '// header\r\n' }]), 'outside');
    assert.deepEqual([r.start, r.end], [21, 31]);
  });

  it('a deletion ending right at the region start moves it', () => {
    const r = new RegionTracker(10, 20);
    assert.equal(r.onDocumentChange([{ offset: 8, length: 2, text: '' }]), 'outside');
    assert.deepEqual([r.start, r.end], [8, 18]);
  });
});

describe('edit/region: our edits are recognised by content, not by version', () => {
  it('the change event of the edit we announced is ours and resizes the region', () => {
    const r = new RegionTracker(10, 20);
    r.expect({ offset: 12, length: 4, text: 'replaced!' });
    assert.equal(r.busy, true);
    assert.equal(r.onDocumentChange([{ offset: 12, length: 4, text: 'replaced!' }]), 'own');
    assert.deepEqual([r.start, r.end, r.busy], [10, 25, false]);
  });

  it('a foreign change that lands first (on the version we expected ours to make) is not ours, whatever it looks like nearby', () => {
    const r = new RegionTracker(10, 20);
    r.expect({ offset: 12, length: 0, text: 'ab' });
    // Same place, other text; then same text, other place: both someone else's.
    assert.equal(r.onDocumentChange([{ offset: 12, length: 0, text: 'x' }]), 'inside');
    assert.equal(r.onDocumentChange([{ offset: 13, length: 0, text: 'ab' }]), 'inside');
    assert.equal(r.busy, true, 'ours is still to come');
    assert.deepEqual([r.start, r.end], [10, 23]);
    assert.equal(r.onDocumentChange([{ offset: 12, length: 0, text: 'ab' }]), 'own');
    assert.equal(r.end, 25);
  });

  it('an event with our edit and more is not ours', () => {
    const r = new RegionTracker(10, 20);
    r.expect({ offset: 12, length: 0, text: 'ab' });
    assert.equal(r.onDocumentChange([{ offset: 12, length: 0, text: 'ab' }, { offset: 0, length: 0, text: '//' }]), 'inside');
    assert.equal(r.busy, true);
  });

  it('a user change right after our edit is the user\'s, in the resized region', () => {
    const r = new RegionTracker(10, 20);
    r.expect({ offset: 10, length: 0, text: 'abcde' });
    assert.equal(r.onDocumentChange([{ offset: 10, length: 0, text: 'abcde' }]), 'own');
    assert.equal(r.onDocumentChange([{ offset: 14, length: 1, text: '' }]), 'inside');
    assert.equal(r.end, 24);
    assert.equal(r.onDocumentChange([{ offset: 10, length: 0, text: 'abcde' }]), 'inside', 'the same text again is not ours: we announced it once');
  });

  it('whenSettled waits for the change event of our edit, and forget() releases it', async () => {
    const r = new RegionTracker(10, 20);
    r.expect({ offset: 12, length: 0, text: 'ab' });
    let settled = false;
    const waiting = r.whenSettled().then(() => (settled = true));
    await Promise.resolve();
    assert.equal(settled, false);
    r.onDocumentChange([{ offset: 12, length: 0, text: 'ab' }]);
    await waiting;
    assert.equal(r.end, 22);

    r.expect({ offset: 12, length: 0, text: 'cd' });
    const released = r.whenSettled();
    r.forget({ offset: 12, length: 0, text: 'cd' });
    await released;
    assert.equal(r.busy, false);
  });
});
