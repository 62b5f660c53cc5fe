// The chat-completions wire: POST {baseUrl}/chat/completions.
import { paramsOf, type ModelParams } from '../../models/params';
import type { ModelOverrides } from '../models';
import { parseCompletion } from '../attempt';
import { StreamState } from '../stream';
import type { ChatMessage, ChatRequest, ImagePart, ToolChoice, ToolSpec } from '../types';
import { withoutDropped, type Wire } from './wire';

type Json = Record<string, unknown>;

const EPHEMERAL = { type: 'ephemeral' } as const;

export function dataUrl(image: ImagePart): string {
  return `data:${image.mimeType};base64,${image.data}`;
}

/** Text (and images) as content parts, the last part carrying a cache_control mark when asked. */
function contentParts(m: ChatMessage, cache: boolean): Json[] {
  const parts: Json[] = [];
  if (m.content || !m.images?.length) parts.push({ type: 'text', text: m.content });
  for (const image of m.images ?? []) parts.push({ type: 'image_url', image_url: { url: dataUrl(image) } });
  if (cache) parts[parts.length - 1] = { ...parts[parts.length - 1], cache_control: EPHEMERAL };
  return parts;
}

function messageOf(m: ChatMessage, cache: boolean): Json {
  switch (m.role) {
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId ?? '', content: m.content };
    case 'assistant': {
      const out: Json = { role: 'assistant', content: m.content };
      if (m.toolCalls?.length) {
        if (!m.content) out.content = null;
        out.tool_calls = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
        if (m.reasoning) out.reasoning_content = m.reasoning;
      }
      return out;
    }
    default:
      return cache || m.images?.length ? { role: m.role, content: contentParts(m, cache) } : { role: m.role, content: m.content };
  }
}

/** The indexes that carry a cache_control mark: the last system message and the last user turn. */
function cacheMarks(messages: ChatMessage[]): Set<number> {
  const marks = new Set<number>();
  const last = (role: string) => messages.map((m) => m.role).lastIndexOf(role as ChatMessage['role']);
  for (const i of [last('system'), last('user')]) if (i >= 0) marks.add(i);
  return marks;
}

export function chatMessages(messages: ChatMessage[], promptCache: boolean): Json[] {
  const marks = promptCache ? cacheMarks(messages) : new Set<number>();
  return messages.map((m, i) => messageOf(m, marks.has(i)));
}

export function chatTools(tools: ToolSpec[]): Json[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters ?? { type: 'object', properties: {} } } }));
}

export function chatToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

export const chatWire: Wire = {
  api: 'chat',
  path: '/chat/completions',
  body(model: string, req: ChatRequest, p: ModelParams): Json {
    const b: Json = { model, messages: chatMessages(req.messages, p.promptCache), stream: req.stream };
    if (p.streamOptions) b.stream_options = { include_usage: true };
    if (p.maxTokens !== undefined) b[p.budgetField] = p.maxTokens;
    if (p.temperature !== undefined) b.temperature = p.temperature;
    if (p.reasoningEffort !== undefined) b.reasoning_effort = p.reasoningEffort;
    if (req.tools?.length) b.tools = chatTools(req.tools);
    if (req.toolChoice !== undefined && req.tools?.length) b.tool_choice = chatToolChoice(req.toolChoice);
    return withoutDropped(b, p);
  },
  accumulator: ({ onDelta, secrets, onFirstVisible }) => new StreamState(onDelta, secrets, onFirstVisible),
  parse: parseCompletion,
};

/** The chat-completions body of one request with the model's parameter rules (the batch API's lines, which no client sends). */
export function chatBody(req: ChatRequest, overrides?: ModelOverrides): Json {
  return chatWire.body(req.model, req, paramsOf(req, overrides, undefined));
}
