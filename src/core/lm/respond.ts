// One answer for VS Code's language model API: the relay client's streaming chat (retries,
// fallback, learned rules, masking all apply inside it), text reported as it arrives, tool calls
// reported when complete, every request's cost counted, failures in our words.
import { adviceFor, ACTION_LABELS } from '../errorText';
import { redactLog } from '../redact';
import { isRelayError } from '../relay/errors';
import type { ChatRequest, ChatResult, RelayClient } from '../relay/types';
import type { LmToolCall } from './parts';
import { ReasoningMemory, ToolCallArgumentsError, parseToolCalls } from './toolCalls';

export interface LmSink {
  /** A piece of the answer's text, as it arrives. */
  text(value: string): void;
  /** A complete tool call. */
  toolCall(call: LmToolCall): void;
}

export interface RespondHooks {
  /** A finished (or cut) request's cost for the status bar; null when unknown. */
  addCost(usd: number | null, model: string): void;
  /** Values that must not appear in an error message (the keys this window knows). */
  secrets(): readonly string[];
}

/** A failure as the caller of the language model API sees it: our wording, the relay's detail, the fix. */
export class LmRequestError extends Error {
  constructor(message: string, readonly kind: string) {
    super(message);
    this.name = 'LmRequestError';
  }
}

export type LmChatRequest = Omit<ChatRequest, 'stream' | 'onDelta'> & { signal: AbortSignal };

/** Streams one answer into `sink`. Rejects with a RelayError of kind `cancelled` when the signal aborts, else with an LmRequestError. */
export async function respond(client: RelayClient, request: LmChatRequest, sink: LmSink, memory: ReasoningMemory, hooks: RespondHooks): Promise<ChatResult> {
  let res: ChatResult;
  try {
    res = await client.chat({ ...request, stream: true, onDelta: (d) => d.content && sink.text(d.content) });
  } catch (e) {
    if (isRelayError(e) && e.partialText) hooks.addCost(e.costUsd, e.model || request.model);
    if (request.signal.aborted || (isRelayError(e) && e.kind === 'cancelled')) throw e;
    throw toLmError(e, hooks.secrets());
  }
  hooks.addCost(res.costUsd, res.model);
  let calls: LmToolCall[];
  try {
    calls = parseToolCalls(res.toolCalls);
  } catch (e) {
    throw new LmRequestError(`Relay Assistant: ${(e as ToolCallArgumentsError).message} Model: ${res.model}.`, 'bad_tool_call');
  }
  if (res.reasoning && calls.length) memory.remember(calls.map((c) => c.callId), res.reasoning);
  for (const call of calls) sink.toolCall(call);
  return res;
}

/** As in the chat's error card: the relay's own words, cut to this length. */
const DETAIL_MAX = 300;

const FIX_WORDS: Partial<Record<string, string>> = {
  setApiKey: `Run "Relay Assistant: ${ACTION_LABELS.setApiKey}".`,
  chooseModel: 'Pick another model, or check relayAssistant.baseUrl.',
  openOutput: 'Details: "Relay Assistant: Show Output".',
  proxySettings: 'Check the proxy settings (http.proxy).',
};

/** "Relay Assistant: The relay rejected the API key. … (401: invalid key) Run "Relay Assistant: Set API Key"." */
export function toLmError(e: unknown, secrets: readonly string[]): LmRequestError {
  if (!isRelayError(e)) return new LmRequestError(`Relay Assistant: ${redactLog(e instanceof Error ? e.message : String(e), secrets)}`, 'unknown');
  const advice = adviceFor(e);
  const detail = redactLog(e.message, secrets).slice(0, DETAIL_MAX);
  const fix = advice.actions.map((a) => FIX_WORDS[a]).find((w) => !!w);
  const status = e.status ? `${e.status}: ` : '';
  return new LmRequestError(`Relay Assistant: ${advice.text} (${status}${detail})${fix ? ` ${fix}` : ''}`, e.kind);
}
