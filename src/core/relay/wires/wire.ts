// One seam for the wires a chat request can go over (chat completions, the Responses API): each
// builds its body, names its path, reads its stream events and its non-streaming body into the
// same shapes. The client keeps retries, learned rules, fallback and results in one place.
import type { EventSourceMessage } from 'eventsource-parser';
import type { ModelParams } from '../../models/params';
import type { AttemptOutput } from '../attempt';
import type { RelayError } from '../errors';
import type { ChatRequest, Delta, ToolCall, Usage, WireApi } from '../types';

/** The accumulated state of one streamed answer, fed event by event (StreamState, ResponsesState). */
export interface Accumulator {
  text: string;
  reasoning: string;
  finishReason: string | null;
  usage: Usage | null;
  readonly toolCalls: Map<number, ToolCall>;
  /** The stream reached its end marker ([DONE], response.completed): the socket may be kept. */
  done: boolean;
  error: RelayError | null;
  /** An exception thrown by the onDelta callback (rethrown by the caller as is). */
  callbackError: unknown;
  /** true once nothing more should be read. */
  readonly stopped: boolean;
  apply(event: EventSourceMessage): void;
  /** The outcome once the stream has ended: an error to throw, or null for success. */
  outcome(): RelayError | null;
}

export interface AccumulatorInput {
  onDelta: ((d: Delta) => void) | undefined;
  secrets: readonly string[];
  onFirstVisible: () => void;
}

export interface Wire {
  api: WireApi;
  /** Appended to the base URL. */
  path: string;
  body(model: string, req: ChatRequest, params: ModelParams): Record<string, unknown>;
  accumulator(input: AccumulatorInput): Accumulator;
  /** A whole non-streaming 2xx body; throws the RelayError it stands for. */
  parse(text: string, secrets: readonly string[]): AttemptOutput;
}

/** Drops the fields a relay taught the client not to send. */
export function withoutDropped(body: Record<string, unknown>, params: ModelParams): Record<string, unknown> {
  for (const name of params.drop) if (name !== 'model' && name !== 'messages' && name !== 'input' && name !== 'stream') delete body[name];
  return body;
}
