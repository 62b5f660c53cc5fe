// The headless CLI (`relay-assistant`, built to dist/cli.js): dispatches `chat` and `review`.
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, apiKeyOf } from './args';
import { runChat } from './chat';
import { oneLine, processIo, type CliIo } from './io';
import { redact } from '../core/redact';
import { runReview } from './review';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  chat: runChat,
  review: runReview,
};

export const MAIN_HELP = `Usage: relay-assistant <command> [options]

Relay Assistant's headless CLI: talks to any OpenAI-compatible relay.

Commands:
  chat [prompt]          send one prompt, print the answer (streams by default; --json for one
                         JSON object). The prompt is the argument, else stdin.
  review [paths...]      review files (git's file set, or a pull request with --base REF) and
                         report findings as text, JSON, SARIF or Markdown; exit codes suit CI
                         gates (0 clean, 1 findings, 2 usage, 3 files failed or cancelled,
                         4 internal error). --batch: the same at half price through the
                         relay's batch API (answers within 24 h, usually minutes).

Run \`relay-assistant <command> --help\` for a command's options.
The relay is --base-url (env RELAY_BASE_URL), the key --api-key (env RELAY_API_KEY).
`;

/** Runs the CLI with its arguments (without node and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return EXIT_OK;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    const what = name === undefined ? 'no command given' : `unknown command "${name.slice(0, 40)}"`;
    io.stderr(`error[usage]: ${what}\n\n${MAIN_HELP}`);
    return EXIT_USAGE;
  }
  return command(rest, io);
}

async function main(): Promise<void> {
  const io = processIo();
  const argv = process.argv.slice(2);
  try {
    process.exitCode = await runCli(argv, io);
  } catch (e) {
    const message = redact(e instanceof Error ? e.message : String(e), apiKeyOf(argv, io.env));
    io.stderr(`error[internal]: ${oneLine(message)}\n`);
    process.exitCode = EXIT_INTERNAL;
  } finally {
    io.dispose();
  }
}

if (require.main === module) void main();
