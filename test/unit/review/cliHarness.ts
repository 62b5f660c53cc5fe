// The set-up of the review CLI suites on disk: one simulator with a responder, git repositories
// the tests build (removed afterwards), and `run(cwd, ...args)` that runs `review` in-process from
// `cwd` against the simulator (`--fail-on never` unless the test gives its own).
import { rm } from 'node:fs/promises';
import { memoryIo } from '../../../src/cli/io';
import { runReview } from '../../../src/cli/review';
import { startSimulator, type Responder, type Simulator } from '../../support/simulator';
import { gitRepo } from './repo';

export interface CliHarness {
  readonly sim: Simulator;
  /** Folders removed after the suite. */
  cleanup: string[];
  repo(files: Parameters<typeof gitRepo>[0], opts?: Parameters<typeof gitRepo>[1]): Promise<string>;
  run(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }>;
}

/** Registers the suite's hooks (call inside `describe`). */
export function cliHarness(responder: Responder): CliHarness {
  let sim: Simulator | undefined;
  const cleanup: string[] = [];
  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim?.close();
    for (const d of cleanup) await rm(d, { recursive: true, force: true });
  });
  beforeEach(() => {
    sim!.reset();
    sim!.setResponder(responder);
  });
  return {
    get sim() {
      return sim!;
    },
    cleanup,
    async repo(files, opts) {
      const dir = await gitRepo(files, opts);
      cleanup.push(dir);
      return dir;
    },
    async run(cwd, ...args) {
      const io = memoryIo({ env: {} });
      const previous = process.cwd();
      process.chdir(cwd);
      try {
        // A later --fail-on in args wins (the last value of an option counts).
        const code = await runReview(['--base-url', sim!.url, '--retries', '0', '--fail-on', 'never', ...args], io);
        return { code, out: io.out, err: io.err };
      } finally {
        process.chdir(previous);
      }
    },
  };
}
