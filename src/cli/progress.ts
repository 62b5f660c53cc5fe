// Review progress on stderr: a bar redrawn in place on a terminal; otherwise (CI logs) one line
// every 10 seconds or every 5% of the files, whichever comes first, and one at the end.
import { troubleText } from '../core/review/progressText';
import type { ReviewProgress } from '../core/review';

export interface ProgressOptions {
  write(text: string): void;
  tty: boolean;
  /** Files to send. */
  total: number;
  now?: () => number;
  everyMs?: number;
}

export interface ProgressReporter {
  update(p: ReviewProgress): void;
  /** Called by a timer: prints a line when `everyMs` passed without one (a stalled run still speaks). */
  tick(): void;
  end(): void;
}

const BAR = 24;

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export function describeProgress(p: ReviewProgress, total: number, ms: number): string {
  const finished = p.done + p.failed;
  const pct = total ? Math.floor((finished / total) * 100) : 100;
  const parts = [`${finished}/${total} files (${pct}%)`, `${p.failed} failed`, `${p.findings} finding(s)`, elapsed(ms)];
  if (p.trouble && p.trouble.kind !== 'rate_limit') parts.push(troubleText(p.trouble));
  else if (p.throttle) parts.push(`throttled by the relay: ${p.throttle.inFlight} in flight, ${p.throttle.requestsPerSecond.toFixed(1)} req/s`);
  return parts.join(', ');
}

export function progressReporter(o: ProgressOptions): ProgressReporter {
  const now = o.now ?? Date.now;
  const every = o.everyMs ?? 10_000;
  const started = now();
  let last: ReviewProgress | null = null;
  let printedAt = started;
  let step = 0;
  let drawnAt = 0;
  let drawn = false;

  const line = (p: ReviewProgress) => {
    printedAt = now();
    o.write(`review: ${describeProgress(p, o.total, printedAt - started)}\n`);
  };
  const draw = (p: ReviewProgress, force: boolean) => {
    const t = now();
    if (!force && t - drawnAt < 100) return;
    drawnAt = t;
    drawn = true;
    const finished = p.done + p.failed;
    const filled = o.total ? Math.round((finished / o.total) * BAR) : BAR;
    o.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${describeProgress(p, o.total, t - started)}\x1b[K`);
  };

  return {
    update(p) {
      last = p;
      const finished = p.done + p.failed;
      if (o.tty) return draw(p, finished === o.total);
      const reached = o.total ? Math.floor((finished / o.total) * 20) : 20;
      if (reached > step || now() - printedAt >= every) {
        step = Math.max(step, reached);
        line(p);
      }
    },
    tick() {
      if (!last) return;
      if (o.tty) draw(last, true);
      else if (now() - printedAt >= every) line(last);
    },
    end() {
      if (o.tty && drawn) o.write('\n');
    },
  };
}
