// One operation at a time for a chat: every mutating step (ask, retry, edit, switch, delete,
// the automatic retry, explain) is queued; before a step runs, the answer streaming (if any)
// is aborted and its end awaited. A step starts at most one answer run, which the queue owns:
// so no two answers ever stream at once and Stop stops the one there is.

export interface QueueStepOptions {
  /**
   * false: the step does not abort the answer streaming; it runs after the steps before it,
   * and can look at `running` to refuse (a typed question while an answer streams).
   */
  abortActive?: boolean;
}

interface Run {
  abort: AbortController;
  done: Promise<void>;
}

export class OperationQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private active: Run | null = null;

  /** true while an answer run is streaming. */
  get running(): boolean {
    return this.active !== null;
  }

  /** true while a run streams or a step waits or runs. */
  get busy(): boolean {
    return this.active !== null || this.pending > 0;
  }

  /** Runs `step` after every step queued before it, once the streaming answer has been aborted and has ended. */
  enqueue<T>(step: () => Promise<T> | T, options: QueueStepOptions = {}): Promise<T> {
    this.pending++;
    const result = this.tail.then(async () => {
      if (options.abortActive !== false) await this.abortAndWait();
      return step();
    });
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tail = settled.then(() => void this.pending--);
    return result;
  }

  /**
   * Starts an answer run from inside a step. `work` gets the run's signal and must settle once
   * the signal aborts. `onEnd` runs after it settled (still before the next step may start).
   */
  start(work: (signal: AbortSignal) => Promise<void>, onEnd?: () => void): void {
    if (this.active) throw new Error('an answer is already running: start runs only from a queued step');
    const abort = new AbortController();
    const run: Run = { abort, done: Promise.resolve() };
    run.done = Promise.resolve()
      .then(() => work(abort.signal))
      .catch(() => undefined)
      .finally(() => {
        if (this.active === run) this.active = null;
        onEnd?.();
      });
    this.active = run;
  }

  /** Aborts the streaming answer (Stop). Queued steps still run. */
  stop(): void {
    this.active?.abort.abort();
  }

  /** Resolves when no step is queued and no answer streams (steps may queue more steps). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const tail = this.tail;
      await tail;
      const run = this.active;
      if (run) await run.done;
      if (tail === this.tail && this.active === null) return;
    }
  }

  private async abortAndWait(): Promise<void> {
    const run = this.active;
    if (!run) return;
    run.abort.abort();
    await run.done;
  }
}
