// `chat`: one prompt to the relay, the answer to stdout (as it arrives, or as one JSON object).
import { createRelayClient } from '../core/relay';
import { RelayError } from '../core/relay/errors';
import type { ChatMessage, ChatRequest, ChatResult, RelayErrorInfo } from '../core/relay/types';
import {
  EXIT_FAILURE, EXIT_OK, EXIT_USAGE, RELAY_OPTION_SPECS, apiKeyOf, UsageError, modelOverridesOf, numberOption, parseCommandLine, priceOption, relayOptionsFrom, relayOptionsHelp, toClientOptions,
  type PriceOption, type RelayCliOptions,
} from './args';
import { oneLine, type CliIo } from './io';
import { StreamRedactor, redact } from '../core/redact';

const CHAT_OPTION_SPECS = {
  ...RELAY_OPTION_SPECS,
  system: { type: 'string' },
  'no-stream': { type: 'boolean' },
  json: { type: 'boolean' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  price: { type: 'string' },
} as const;

export const CHAT_HELP = `Usage: relay-assistant chat [options] [prompt]

Sends one prompt to an OpenAI-compatible relay and prints the answer.
The prompt is the argument (several words are joined with spaces), else stdin.

Chat options:
  --system TEXT          system message sent before the prompt
  --no-stream            use the non-streaming path (the answer is printed when complete)
  --json                 print one JSON object at the end instead of the text
  --max-tokens N         upper bound on the answer's tokens (sent as max_tokens, or as
                         max_completion_tokens / max_output_tokens where the model needs it)
  --temperature T        sampling temperature, 0 to 2 (not sent to reasoning models, which
                         accept only their default)
  --price IN/OUT[/CACHED[/WRITE]]
                         USD per million input/output (and cached-input, cache-write) tokens,
                         for a model without a known price

Models: reasoning models (o1, o3, o4, gpt-5 …) get their parameters right on the first
request; Responses-only models (*codex*, *-pro) go to {base-url}/responses. Other models
whose relay rejects a parameter are retried once without it, and that is remembered for the
rest of the run.

${relayOptionsHelp()}

Output:
  Without --json, the answer goes to stdout as it arrives, followed by a newline, and nothing
  else does.
  On failure any partial answer stays on stdout and one line goes to stderr:
    error[<kind>]: <message>
  kind is one of auth, rate_limit, bad_request, not_found, context_length, server,
  overloaded, timeout, network, stream_interrupted, protocol, cancelled.
  With --json, stdout holds exactly one JSON object:
    success {"text", "reasoning" (string|null), "finishReason" (string|null),
             "usage" ({"promptTokens","completionTokens","totalTokens","cachedPromptTokens",
                       "cacheWriteTokens","reasoningTokens"}|null), "model",
             "api" ("chat"|"responses"), "attempts" (every request sent, a retry that learned
             a parameter rule included), "ttftMs" (number|null), "durationMs",
             "costUsd" (number|null), "costEstimated" (bool)}
    failure {"error": {"kind", "status" (number|null), "retryable",
             "retryAfterMs" (number|null), "message"}, "partialText"}
  Ctrl+C cancels the request (kind cancelled; partial text kept).
  The API key never appears in the output.

Exit codes: 0 success, 1 relay or request failure, 2 usage error (reported on stderr as
error[usage]: ..., also with --json).

Examples:
  RELAY_API_KEY=... relay-assistant chat "Explain closures in one paragraph"
  git diff | relay-assistant chat --system "Review this diff" --json
  relay-assistant chat --base-url http://localhost:11434/v1 --model llama3.2 "hi"
  relay-assistant chat --model gpt-5 --reasoning-effort low --max-tokens 2000 "Name three sorting algorithms"
`;

interface ChatCommand {
  relay: RelayCliOptions;
  messages: ChatMessage[];
  stream: boolean;
  json: boolean;
  maxTokens: number | undefined;
  temperature: number | undefined;
  price: PriceOption | undefined;
}

type Parsed = ReturnType<typeof parseCommandLine<typeof CHAT_OPTION_SPECS>>;

async function promptOf(positionals: string[], io: CliIo): Promise<string> {
  if (positionals.length > 0) return positionals.join(' ');
  if (io.stdinIsTTY) throw new UsageError('no prompt: pass it as an argument or on stdin');
  const text = await abortable(io.readStdin(), io.signal);
  if (text.trim() === '') throw new UsageError('the prompt read from stdin is empty');
  return text;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelledError(): RelayError {
  return new RelayError({ kind: 'cancelled', status: null, retryable: false, retryAfterMs: null, code: null, message: 'cancelled before the request was sent' });
}

async function commandFrom({ values, positionals }: Parsed, io: CliIo): Promise<ChatCommand> {
  const relay = relayOptionsFrom(values, io.env);
  const maxTokens = numberOption('max-tokens', values['max-tokens'], { min: 1, integer: true });
  const temperature = numberOption('temperature', values.temperature, { min: 0, max: 2 });
  const messages: ChatMessage[] = [];
  if (values.system) messages.push({ role: 'system', content: values.system });
  messages.push({ role: 'user', content: await promptOf(positionals, io) });
  const price = priceOption(values.price);
  return { relay, messages, stream: !values['no-stream'], json: values.json === true, maxTokens, temperature, price };
}

/** Runs `chat` with its arguments (after the word `chat`); resolves to the exit code. */
export async function runChat(argv: string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(argv, CHAT_OPTION_SPECS);
  } catch (e) {
    return usageFailure(e, argv, io);
  }
  if (parsed.values.help) {
    io.stdout(CHAT_HELP);
    return EXIT_OK;
  }
  let command: ChatCommand;
  try {
    command = await commandFrom(parsed, io);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e, argv, io);
    return reportFailure(e, '', parsed.values.json === true, io, apiKeyOf(argv, io.env));
  }
  return send(command, io);
}

function usageFailure(e: unknown, argv: string[], io: CliIo): number {
  if (!(e instanceof UsageError)) throw e;
  io.stderr(`error[usage]: ${oneLine(redact(e.message, apiKeyOf(argv, io.env)))}\nRun \`relay-assistant chat --help\` for usage.\n`);
  return EXIT_USAGE;
}

async function send(command: ChatCommand, io: CliIo): Promise<number> {
  const key = command.relay.apiKey;
  const options = toClientOptions(command.relay, io.env);
  const models = modelOverridesOf(command.relay.model, command.price, command.relay.reasoningEffort);
  const client = createRelayClient(models ? { ...options, models } : options);
  const live = command.stream && !command.json ? new StreamRedactor(key) : null;
  let shown = '';
  const request: ChatRequest = {
    model: command.relay.model,
    messages: command.messages,
    stream: command.stream,
    signal: io.signal,
    maxTokens: command.maxTokens,
    temperature: command.temperature,
    onDelta: live
      ? (d) => {
          if (!d.content) return;
          const safe = live.push(d.content);
          shown += safe;
          io.stdout(safe);
        }
      : undefined,
  };
  try {
    const result = await client.chat(request);
    if (command.json) io.stdout(`${JSON.stringify(successJson(result, key))}\n`);
    else finishText(live ? live.flush() : redact(result.text, key), shown, io);
    return EXIT_OK;
  } catch (e) {
    if (live) shown += flushTo(live, io);
    return reportFailure(e, shown, command.json, io, key);
  } finally {
    await client.close();
  }
}

function flushTo(live: StreamRedactor, io: CliIo): string {
  const rest = live.flush();
  io.stdout(rest);
  return rest;
}

/** Prints the rest of the answer and a final newline (a shell prompt or the next line of a pipe starts on its own line). */
function finishText(rest: string, shown: string, io: CliIo): void {
  io.stdout(rest);
  const all = shown + rest;
  if (all !== '' && !all.endsWith('\n')) io.stdout('\n');
}

function reportFailure(e: unknown, shown: string, json: boolean, io: CliIo, key: string | undefined): number {
  const info = errorInfoOf(e, key);
  if (json) {
    const partialText = e instanceof RelayError ? e.partialText : '';
    io.stdout(`${JSON.stringify({ error: info, partialText: redact(partialText, key) })}\n`);
  } else {
    if (io.stdoutIsTTY && shown !== '' && !shown.endsWith('\n')) io.stdout('\n');
    io.stderr(`error[${info.kind}]: ${oneLine(info.message)}\n`);
  }
  return EXIT_FAILURE;
}

type PrintedError = Omit<RelayErrorInfo, 'code' | 'kind'> & { kind: RelayErrorInfo['kind'] | 'internal' };

function errorInfoOf(e: unknown, key: string | undefined): PrintedError {
  if (e instanceof RelayError) {
    return { kind: e.kind, status: e.status, retryable: e.retryable, retryAfterMs: e.retryAfterMs, message: redact(e.message, key) };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', status: null, retryable: false, retryAfterMs: null, message: redact(message, key) };
}

function successJson(r: ChatResult, key: string | undefined): object {
  return {
    text: redact(r.text, key),
    reasoning: r.reasoning === null ? null : redact(r.reasoning, key),
    finishReason: r.finishReason,
    usage: r.usage && {
      promptTokens: r.usage.promptTokens,
      completionTokens: r.usage.completionTokens,
      totalTokens: r.usage.totalTokens,
      cachedPromptTokens: r.usage.cachedPromptTokens ?? 0,
      cacheWriteTokens: r.usage.cacheWriteTokens ?? 0,
      reasoningTokens: r.usage.reasoningTokens ?? 0,
    },
    model: r.model,
    api: r.api,
    attempts: r.attempts,
    ttftMs: r.ttftMs === null ? null : roundMs(r.ttftMs),
    durationMs: roundMs(r.durationMs),
    costUsd: r.costUsd,
    costEstimated: r.costEstimated,
  };
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
