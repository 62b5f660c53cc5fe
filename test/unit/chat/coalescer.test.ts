import { strict as assert } from 'node:assert';
import { DeltaCoalescer, type Timers } from '../../../src/core/chat/coalescer';

/** Timers fired by hand: the test decides when "30 ms" have passed. */
class ManualTimers implements Timers {
  pending = new Map<number, () => void>();
  private next = 1;
  set(fn: () => void): unknown {
    const id = this.next++;
    this.pending.set(id, fn);
    return id;
  }
  clear(h: unknown): void {
    this.pending.delete(h as number);
  }
  fire(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, fn] of due) fn();
  }
}

describe('delta coalescer', () => {
  let posts: [string, number][];
  let timers: ManualTimers;
  let c: DeltaCoalescer;
  beforeEach(() => {
    posts = [];
    timers = new ManualTimers();
    c = new DeltaCoalescer((text, offset) => posts.push([text, offset]), 30, timers);
  });

  it('posts the first piece at once, then at most one post per interval', () => {
    c.push('a');
    assert.deepEqual(posts, [['a', 0]]);
    for (const t of ['b', 'c', 'd']) c.push(t);
    assert.equal(posts.length, 1, 'no post before the interval passes');
    timers.fire();
    assert.deepEqual(posts, [['a', 0], ['bcd', 1]]);
    timers.fire(); // nothing pending: the cooldown ends without a post
    assert.equal(posts.length, 2);
    assert.equal(timers.pending.size, 0);
    c.push('e');
    assert.deepEqual(posts.at(-1), ['e', 4]);
  });

  it('posts the whole text in order with contiguous offsets, whatever the pieces', () => {
    const pieces = Array.from({ length: 500 }, (_, i) => `t${i} `);
    pieces.forEach((p, i) => {
      c.push(p);
      if (i % 7 === 0) timers.fire();
    });
    c.flush();
    assert.equal(posts.map(([t]) => t).join(''), pieces.join(''));
    let expected = 0;
    for (const [text, offset] of posts) {
      assert.equal(offset, expected);
      expected += text.length;
    }
    assert.ok(posts.length < pieces.length / 5, `${posts.length} posts for ${pieces.length} pieces`);
    assert.equal(c.length, pieces.join('').length);
  });

  it('flush posts what is pending and stops the timer; empty pieces post nothing', () => {
    c.push('');
    assert.equal(posts.length, 0);
    c.push('x');
    c.push('y');
    c.flush();
    assert.deepEqual(posts, [['x', 0], ['y', 1]]);
    assert.equal(timers.pending.size, 0);
    c.flush();
    assert.equal(posts.length, 2);
  });

  it('dispose drops pending text and the timer', () => {
    c.push('x');
    c.push('y');
    c.dispose();
    timers.fire();
    assert.deepEqual(posts, [['x', 0]]);
  });
});
