// The CLI's window on the world: output writers, stdin, environment and the stop signal
// (Ctrl+C, or SIGTERM from CI cancel and `timeout`).
// Commands take a CliIo instead of touching `process`, so tests can run them in-process.

export interface CliIo {
  /** Writes to stdout as-is (no newline added). */
  stdout(text: string): void;
  /** Writes to stderr as-is (no newline added). */
  stderr(text: string): void;
  /** Reads stdin to the end as UTF-8. */
  readStdin(): Promise<string>;
  /** true when stdin is a terminal (nothing piped in). */
  readonly stdinIsTTY: boolean;
  /** true when stdout is a terminal. */
  readonly stdoutIsTTY: boolean;
  /** true when stderr is a terminal (progress is then a bar redrawn in place). */
  readonly stderrIsTTY?: boolean;
  readonly env: Record<string, string | undefined>;
  /** Aborts on the first Ctrl+C (SIGINT) or SIGTERM, or when stdout is closed by its reader. */
  readonly signal: AbortSignal;
}

/** Text for a one-line message: line breaks (and the blanks around them) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

async function readAll(stream: NodeJS.ReadableStream & { destroy(): void }, signal: AbortSignal): Promise<string> {
  // Stop reading on Ctrl+C, or the open stdin keeps the process alive.
  signal.addEventListener('abort', () => stream.destroy(), { once: true });
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(typeof part === 'string' ? Buffer.from(part) : part);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * The real process. The first Ctrl+C or SIGTERM aborts `signal` (the command then ends cleanly,
 * a review writes its partial report); a second one exits at once (130 / 143).
 * Call `dispose()` when the command is done.
 */
export function processIo(): CliIo & { dispose(): void } {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (code: number) => () => {
    interrupts++;
    if (interrupts > 1) process.exit(code);
    controller.abort();
  };
  const onSigint = onSignal(130);
  const onSigterm = onSignal(143);
  // A closed stdout (e.g. `| head`) ends the request instead of crashing on EPIPE.
  const onStdoutError = () => controller.abort();
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.stdout.on('error', onStdoutError);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: () => readAll(process.stdin, controller.signal),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      process.stdout.off('error', onStdoutError);
    },
  };
}

export interface MemoryIo extends CliIo {
  /** Everything written to stdout so far. */
  readonly out: string;
  /** Everything written to stderr so far. */
  readonly err: string;
  /** Aborts `signal`, as a Ctrl+C would. */
  interrupt(): void;
}

/** An in-memory CliIo for tests: collects output; stdin is the given text (or a TTY when undefined). */
export function memoryIo(opts: { stdin?: string; env?: Record<string, string | undefined>; stdoutIsTTY?: boolean; stderrIsTTY?: boolean } = {}): MemoryIo {
  const controller = new AbortController();
  let out = '';
  let err = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readStdin: async () => opts.stdin ?? '',
    stdinIsTTY: opts.stdin === undefined,
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    env: opts.env ?? {},
    signal: controller.signal,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    interrupt: () => controller.abort(),
  };
}
