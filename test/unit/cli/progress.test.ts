import { strict as assert } from 'node:assert';
import { progressReporter } from '../../../src/cli/progress';
import type { ReviewProgress } from '../../../src/core/review';

const at = (done: number, extra: Partial<ReviewProgress> = {}): ReviewProgress => ({ total: 100, done, cached: 0, failed: 0, skipped: 0, findings: done, ...extra });

describe('review progress on stderr', () => {
  it('outside a terminal: one line per 5% of the files, and one after 10 s without progress', () => {
    let now = 0;
    const lines: string[] = [];
    const p = progressReporter({ write: (t) => lines.push(t), tty: false, total: 100, now: () => now });
    for (let done = 0; done <= 12; done++) p.update(at(done));
    assert.deepEqual(lines.map((l) => /(\d+)\/100/.exec(l)?.[1]), ['5', '10']);
    now = 9_000;
    p.tick();
    assert.equal(lines.length, 2, 'quiet before 10 s');
    now = 10_500;
    p.tick();
    assert.equal(lines.length, 3);
    assert.match(lines[2], /^review: 12\/100 files \(12%\), 0 failed, 12 finding\(s\), 10s\n$/);
    p.update(at(100));
    assert.match(lines.at(-1)!, /100\/100 files \(100%\)/);
  });

  it('says when the relay throttles the run', () => {
    const lines: string[] = [];
    const p = progressReporter({ write: (t) => lines.push(t), tty: false, total: 20, now: () => 0 });
    p.update(at(1, { throttle: { inFlight: 2, concurrency: 8, requestsPerSecond: 1.5 } }));
    assert.match(lines[0], /throttled by the relay: 2 in flight, 1\.5 req\/s/);
  });

  it('on a terminal: a bar redrawn in place, ended by a newline', () => {
    let out = '';
    const p = progressReporter({ write: (t) => (out += t), tty: true, total: 4, now: () => 0 });
    p.update(at(4));
    p.end();
    assert.match(out, /^\r\[#{24}\] 4\/4 files \(100%\)/);
    assert.ok(out.endsWith('\u001b[K\n'), JSON.stringify(out));
  });
});
