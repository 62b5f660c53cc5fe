// The Responses API wire: POST {baseUrl}/responses (relay-protocol.md, "The Responses API").
import type { EventSourceMessage } from 'eventsource-parser';
import type { ModelParams } from '../../models/params';
import { usageOf } from '../../models/usage';
import { protocolError, type AttemptOutput } from '../attempt';
import { errorObjectOf, inBandError } from '../classify';
import type { RelayError } from '../errors';
import { isObject, parseJson } from '../json';
import { Accumulated } from '../stream';
import type { ChatMessage, ChatRequest, ToolCall, ToolChoice, ToolSpec, Usage } from '../types';
import { dataUrl } from './chat';
import { withoutDropped, type AccumulatorInput, type Wire } from './wire';

type Json = Record<string, unknown>;

function userContent(m: ChatMessage): unknown {
  if (!m.images?.length) return m.content;
  const parts: Json[] = m.content ? [{ type: 'input_text', text: m.content }] : [];
  for (const image of m.images) parts.push({ type: 'input_image', image_url: dataUrl(image) });
  return parts;
}

/** The turns as `input` items: messages, function calls and their outputs. System turns go to `instructions`. */
export function responsesInput(messages: ChatMessage[]): Json[] {
  const items: Json[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    if (m.role === 'tool') {
      items.push({ type: 'function_call_output', call_id: m.toolCallId ?? '', output: m.content });
      continue;
    }
    if (m.role === 'user') {
      items.push({ role: 'user', content: userContent(m) });
      continue;
    }
    if (m.content || !m.toolCalls?.length) items.push({ role: 'assistant', content: m.content });
    for (const c of m.toolCalls ?? []) items.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.arguments });
  }
  return items;
}

function responsesTools(tools: ToolSpec[]): Json[] {
  return tools.map((t) => ({ type: 'function', name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters ?? { type: 'object', properties: {} } }));
}

function responsesToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

/** The finish reason of an incomplete response: `length` for the output budget, else the reason given. */
function incompleteReason(response: Json): string {
  const reason = isObject(response.incomplete_details) ? response.incomplete_details.reason : undefined;
  if (reason === 'max_output_tokens') return 'length';
  return typeof reason === 'string' && reason ? reason : 'incomplete';
}

function failedError(response: Json, secrets: readonly string[]): RelayError {
  const obj = isObject(response.error) ? response.error : { message: 'the response failed' };
  return inBandError(obj, secrets);
}

function responseUsage(response: Json): Usage | null {
  return isObject(response.usage) ? usageOf(response.usage) : null;
}

/** Text, reasoning and function calls of a response's `output[]`. */
function outputOf(output: unknown): { text: string; reasoning: string; toolCalls: ToolCall[] } {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const item of Array.isArray(output) ? output : []) {
    if (!isObject(item)) continue;
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) if (isObject(part) && part.type === 'output_text' && typeof part.text === 'string') text += part.text;
    } else if (item.type === 'reasoning') {
      for (const s of Array.isArray(item.summary) ? item.summary : []) if (isObject(s) && typeof s.text === 'string') reasoning += s.text;
      for (const c of Array.isArray(item.content) ? item.content : []) if (isObject(c) && c.type === 'reasoning_text' && typeof c.text === 'string') reasoning += c.text;
    } else if (item.type === 'function_call') {
      toolCalls.push({ index: toolCalls.length, id: String(item.call_id ?? item.id ?? ''), type: 'function', name: String(item.name ?? ''), arguments: String(item.arguments ?? '') });
    }
  }
  return { text, reasoning, toolCalls };
}

/** The finish reason of a finished response object (completed / incomplete). */
function finishOf(response: Json, toolCalls: number): string {
  if (response.status === 'incomplete') return incompleteReason(response);
  return toolCalls > 0 ? 'tool_calls' : 'stop';
}

/** A whole non-streaming Responses body. */
export function parseResponse(text: string, secrets: readonly string[]): AttemptOutput {
  const json = parseJson(text) ?? parseJson(text.trim());
  if (json === undefined) throw protocolError('the body is not JSON', secrets);
  if (!isObject(json)) {
    const obj = errorObjectOf(json);
    throw obj ? inBandError(obj, secrets) : protocolError('the body is not a response object', secrets);
  }
  if (json.status === 'failed' || (isObject(json.error) && !Array.isArray(json.output))) throw failedError(json, secrets);
  if (json.error && !isObject(json.error)) throw protocolError('the error field is not an object', secrets);
  if (!Array.isArray(json.output)) throw protocolError('the body has no output', secrets);
  const out = outputOf(json.output);
  return { ...out, finishReason: finishOf(json, out.toolCalls.length), usage: responseUsage(json) };
}

/** The accumulated state of one streamed Responses answer: typed events, no [DONE]. */
export class ResponsesState extends Accumulated {
  constructor(a: AccumulatorInput) {
    super(a.onDelta, a.secrets, a.onFirstVisible);
  }

  apply(event: EventSourceMessage): void {
    if (this.stopped) return;
    const json = parseJson(event.data);
    const type = isObject(json) && typeof json.type === 'string' ? json.type : event.event;
    if (type === 'error') return this.fail(errorObjectOf(json) ?? (isObject(json) ? json : { message: event.data }));
    if (!isObject(json)) return;
    const response = isObject(json.response) ? json.response : {};
    switch (type) {
      case 'response.output_text.delta':
        return this.applyDelta(typeof json.delta === 'string' ? json.delta : '', '');
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return this.applyDelta('', typeof json.delta === 'string' ? json.delta : '');
      case 'response.output_item.added':
      case 'response.output_item.done':
        return this.call(json);
      case 'response.function_call_arguments.delta':
        return this.callArguments(json);
      case 'response.completed':
      case 'response.incomplete':
        this.usage = responseUsage(response);
        this.finishReason = finishOf({ ...response, status: type === 'response.incomplete' ? 'incomplete' : response.status }, this.toolCalls.size);
        this.done = true;
        return;
      case 'response.failed':
        return this.fail(isObject(response.error) ? response.error : { message: 'the response failed' });
      default:
        return; // unknown event types are ignored
    }
  }

  /** A function_call output item: its id and name (added), its whole arguments (done). */
  private call(json: Json): void {
    const item = isObject(json.item) ? json.item : null;
    if (item?.type !== 'function_call') return;
    const index = typeof json.output_index === 'number' ? json.output_index : this.toolCalls.size;
    const call = this.toolCalls.get(index) ?? { index: this.toolCalls.size, id: '', type: 'function', name: '', arguments: '' };
    if (!call.id) call.id = String(item.call_id ?? item.id ?? '');
    if (!call.name && typeof item.name === 'string') call.name = item.name;
    if (typeof item.arguments === 'string' && item.arguments.length > call.arguments.length) call.arguments = item.arguments;
    this.toolCalls.set(index, call);
  }

  private callArguments(json: Json): void {
    const index = typeof json.output_index === 'number' ? json.output_index : -1;
    const call = this.toolCalls.get(index);
    if (call && typeof json.delta === 'string') call.arguments += json.delta;
  }
}

export const responsesWire: Wire = {
  api: 'responses',
  path: '/responses',
  body(model: string, req: ChatRequest, p: ModelParams): Json {
    const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    const b: Json = { model, input: responsesInput(req.messages) };
    if (system) b.instructions = system;
    b.stream = req.stream;
    b.store = false;
    if (p.maxTokens !== undefined) b.max_output_tokens = p.maxTokens;
    if (p.temperature !== undefined) b.temperature = p.temperature;
    if (p.reasoning) b.reasoning = { ...(p.reasoningEffort ? { effort: p.reasoningEffort } : {}), summary: 'auto' };
    else if (p.reasoningEffort) b.reasoning = { effort: p.reasoningEffort };
    if (req.tools?.length) b.tools = responsesTools(req.tools);
    if (req.toolChoice !== undefined && req.tools?.length) b.tool_choice = responsesToolChoice(req.toolChoice);
    return withoutDropped(b, p);
  },
  accumulator: (input) => new ResponsesState(input),
  parse: parseResponse,
};
