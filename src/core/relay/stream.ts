// Stream semantics (relay-protocol.md): what a sequence of SSE events means.
import type { EventSourceMessage } from 'eventsource-parser';
import { errorObjectOf, inBandError, makeError, type ErrorObject } from './classify';
import { isObject, parseJson, type JsonObject } from './json';
import type { RelayError } from './errors';
import type { Delta, ToolCall, Usage } from './types';
import type { Accumulator } from './wires/wire';
import { usageOf } from '../models/usage';

export { usageOf };

type Json = JsonObject;

/** Reasoning text: `reasoning_content` when it is a string, else `reasoning` — counted once. */
export function reasoningOf(v: Json): string {
  if (typeof v.reasoning_content === 'string') return v.reasoning_content;
  return typeof v.reasoning === 'string' ? v.reasoning : '';
}

/** Text and reasoning of a message or delta. */
export interface Said {
  text: string;
  reasoning: string;
}

/** The text of a thinking / reasoning part's value: a string, or its nested text parts. */
function nestedText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return '';
  let out = '';
  for (const p of v) if (isObject(p) && typeof p.text === 'string') out += p.text;
  return out;
}

/**
 * `content` given as an array of parts (Mistral, some gateways): `text` parts are text;
 * `thinking` / `reasoning` parts (their string, or their nested text parts) are reasoning.
 */
function partsOf(parts: unknown[]): Said {
  let text = '';
  let reasoning = '';
  for (const p of parts) {
    if (!isObject(p)) continue;
    if (p.type === 'text') {
      if (typeof p.text === 'string') text += p.text;
    } else if (p.type === 'thinking' || p.type === 'reasoning') {
      const value = p[p.type];
      reasoning += value === undefined ? nestedText(p.text) : nestedText(value);
    }
  }
  return { text, reasoning };
}

const NOTHING: Said = { text: '', reasoning: '' };

/**
 * What a message or delta says: `content` as a string or as parts; reasoning from
 * `reasoning_content` / `reasoning`, else from reasoning parts (one source, counted once).
 */
export function saidBy(v: Json): Said {
  const content = v.content;
  const fields = reasoningOf(v);
  if (typeof content === 'string') return fields || content ? { text: content, reasoning: fields } : NOTHING;
  if (!Array.isArray(content)) return fields ? { text: '', reasoning: fields } : NOTHING;
  const parts = partsOf(content);
  return fields ? { text: parts.text, reasoning: fields } : parts;
}

/** Merges tool-call deltas per index: first non-empty id/type/name kept, arguments concatenated. */
export function mergeToolCalls(calls: Map<number, ToolCall>, deltas: unknown): void {
  if (!Array.isArray(deltas)) return;
  for (const d of deltas) {
    if (!isObject(d)) continue;
    const index = typeof d.index === 'number' ? d.index : calls.size;
    const call = calls.get(index) ?? { index, id: '', type: '', name: '', arguments: '' };
    const fn = isObject(d.function) ? d.function : {};
    if (!call.id && typeof d.id === 'string') call.id = d.id;
    if (!call.type && typeof d.type === 'string') call.type = d.type;
    if (!call.name && typeof fn.name === 'string') call.name = fn.name;
    if (typeof fn.arguments === 'string') call.arguments += fn.arguments;
    calls.set(index, call);
  }
}

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  STOP: 'stop',
  max_tokens: 'length',
  MAX_TOKENS: 'length',
  tool_use: 'tool_calls',
};

/** Provider finish reasons passed through by gateways -> the OpenAI names (others unchanged). */
export function normalizeFinish(reason: string): string {
  return FINISH[reason] ?? reason;
}

/** A finish reason ending in `_error` (a gateway's in-band error, e.g. `overloaded_error`): the error object it stands for. */
export function finishError(reason: string): ErrorObject | null {
  return reason.endsWith('_error') ? { type: reason, message: `the answer ended with finish reason ${reason}` } : null;
}

function firstChoice(choices: unknown): Json | null {
  if (!Array.isArray(choices)) return null;
  for (let i = 0; i < choices.length; i++) {
    const c: unknown = choices[i];
    if (isObject(c) && (c.index === 0 || c.index === undefined)) return c;
  }
  return null;
}

/** What every wire's stream accumulates (chat completions here, the Responses API in wires/responses.ts). */
export abstract class Accumulated implements Accumulator {
  text = '';
  reasoning = '';
  finishReason: string | null = null;
  usage: Usage | null = null;
  readonly toolCalls = new Map<number, ToolCall>();
  done = false;
  error: RelayError | null = null;
  /** An exception thrown by the onDelta callback (rethrown by the caller as is). */
  callbackError: unknown = null;
  sawVisible = false;

  constructor(
    private readonly onDelta: ((d: Delta) => void) | undefined,
    protected readonly secrets: readonly string[],
    private readonly onFirstVisible: () => void,
  ) {}

  /** true once nothing more should be read: the end marker, an in-band error, or a failing callback. */
  get stopped(): boolean {
    return this.done || this.error !== null || this.callbackError !== null;
  }

  abstract apply(event: EventSourceMessage): void;

  protected fail(obj: ErrorObject): void {
    this.error = inBandError(obj, this.secrets);
  }

  protected applyDelta(content: string, reasoning: string): void {
    if (!content && !reasoning) return;
    if (content) this.text += content;
    if (reasoning) this.reasoning += reasoning;
    if (!this.sawVisible) {
      this.sawVisible = true;
      this.onFirstVisible();
    }
    if (!this.onDelta) return;
    const d: Delta = !reasoning ? { content } : content ? { content, reasoning } : { reasoning };
    try {
      this.onDelta(d);
    } catch (e) {
      this.callbackError = e;
    }
  }

  /** The outcome once the stream has ended: an error to throw, or null for success. */
  outcome(): RelayError | null {
    if (this.error) return this.error;
    if (this.done || this.finishReason !== null) return null;
    return makeError({ kind: 'stream_interrupted', status: null, secrets: this.secrets });
  }
}

/** The accumulated state of one streamed chat-completions answer, fed event by event. */
export class StreamState extends Accumulated {
  apply(event: EventSourceMessage): void {
    if (this.stopped) return;
    if (event.data === '[DONE]') {
      this.done = true;
      return;
    }
    const json = parseJson(event.data);
    if (event.event === 'error') return this.fail(errorObjectOf(json) ?? (isObject(json) ? json : { message: event.data }));
    if (!isObject(json)) return; // not JSON: nothing we can apply (a bare keep-alive payload)
    if (json.error) return this.fail(isObject(json.error) ? json.error : { message: String(json.error) });
    this.applyChunk(json);
  }

  private applyChunk(json: Json): void {
    const choice = firstChoice(json.choices);
    if (choice) {
      const delta = isObject(choice.delta) ? choice.delta : null;
      if (delta) this.applyDeltaObject(delta);
      if (typeof choice.finish_reason === 'string') {
        const failed = finishError(choice.finish_reason);
        if (failed) return this.fail(failed);
        this.finishReason = normalizeFinish(choice.finish_reason);
      }
    }
    if (isObject(json.usage)) this.usage = usageOf(json.usage);
  }

  /** The hot path: plain string content allocates nothing beyond the Delta handed to onDelta. */
  private applyDeltaObject(delta: Json): void {
    if (delta.tool_calls !== undefined) mergeToolCalls(this.toolCalls, delta.tool_calls);
    const content = delta.content;
    if (typeof content === 'string') return this.applyDelta(content, reasoningOf(delta));
    const said = saidBy(delta);
    this.applyDelta(said.text, said.reasoning);
  }
}
