// VS Code's request messages -> the relay client's ChatMessage list (chat completions order):
// system / user / assistant text; an assistant turn's tool calls as toolCalls; each tool result
// as a `tool` message right after the assistant turn that made the call; images for vision models.
import type { ChatMessage, ImagePart, ToolCall } from '../relay/types';
import { isImageMime, isTextMime, type LmMessage, type LmPart } from './parts';

export interface MapOptions {
  /** The model accepts images (capabilities.imageInput). */
  vision: boolean;
  /** Reasoning the model gave with a tool call in an earlier answer (DeepSeek's reasoning_content). */
  reasoningFor?: (callId: string) => string | undefined;
}

export interface MappedMessages {
  messages: ChatMessage[];
  /** Parts left out: unknown kinds, images for a model without vision, results of calls no turn made. */
  dropped: number;
}

/** What a tool call that never got an answer is answered with (relays reject a call without its result). */
export const NO_RESULT = 'No result was given for this tool call.';
/** The user turn that carries images returned by tools (tool messages hold text only). */
export const TOOL_IMAGES = 'Images returned by the tool calls above.';

interface Turn {
  message: ChatMessage;
  /** Assistant turns with tool calls: results by call id, filled as later messages answer them. */
  results?: Map<string, string>;
  resultImages?: ImagePart[];
}

interface Collected {
  text: string;
  images: ImagePart[];
  calls: ToolCall[];
  results: { callId: string; text: string; images: ImagePart[] }[];
}

export function toChatMessages(input: readonly LmMessage[], opts: MapOptions): MappedMessages {
  const turns: Turn[] = [];
  const callers = new Map<string, Turn>();
  let dropped = 0;

  const collect = (parts: readonly LmPart[]): Collected => {
    const c: Collected = { text: '', images: [], calls: [], results: [] };
    for (const part of parts) {
      switch (part.kind) {
        case 'text':
          c.text += part.value;
          break;
        case 'data':
          addData(part, c);
          break;
        case 'toolCall':
          c.calls.push({ index: c.calls.length, id: part.callId, type: 'function', name: part.name, arguments: argumentsOf(part.input) });
          break;
        case 'toolResult': {
          const inner = collect(part.content.filter((p) => p.kind === 'text' || p.kind === 'data' || p.kind === 'unknown'));
          c.results.push({ callId: part.callId, text: inner.text, images: inner.images });
          break;
        }
        default:
          dropped++;
      }
    }
    return c;
  };

  const addData = (part: Extract<LmPart, { kind: 'data' }>, c: Collected) => {
    if (isTextMime(part.mimeType)) c.text += Buffer.from(part.data).toString('utf8');
    else if (opts.vision && isImageMime(part.mimeType)) c.images.push({ mimeType: part.mimeType, data: Buffer.from(part.data).toString('base64') });
    else dropped++;
  };

  for (const m of input) {
    const c = collect(m.parts);
    for (const r of c.results) {
      const caller = callers.get(r.callId);
      if (!caller?.results || caller.results.has(r.callId)) {
        dropped++;
        continue;
      }
      caller.results.set(r.callId, r.text);
      if (r.images.length) (caller.resultImages ??= []).push(...r.images);
    }
    if (m.role === 'assistant') {
      const message: ChatMessage = { role: 'assistant', content: c.text };
      dropped += c.images.length;
      if (!c.text && !c.calls.length) continue;
      const turn: Turn = { message };
      if (c.calls.length) {
        message.toolCalls = c.calls;
        turn.results = new Map();
        const reasoning = c.calls.map((call) => opts.reasoningFor?.(call.id)).find((r) => !!r);
        if (reasoning) message.reasoning = reasoning;
        for (const call of c.calls) callers.set(call.id, turn);
      }
      turns.push(turn);
    } else if (m.role === 'system') {
      dropped += c.images.length;
      if (c.text) turns.push({ message: { role: 'system', content: c.text } });
    } else if (c.text || c.images.length) {
      turns.push({ message: { role: 'user', content: c.text, ...(c.images.length ? { images: c.images } : {}) } });
    }
  }
  return { messages: assemble(turns), dropped };
}

/** Each assistant turn with tool calls is followed by one `tool` message per call, in call order. */
function assemble(turns: Turn[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of turns) {
    out.push(turn.message);
    if (!turn.results) continue;
    for (const call of turn.message.toolCalls ?? []) {
      out.push({ role: 'tool', toolCallId: call.id, content: turn.results.get(call.id) ?? NO_RESULT });
    }
    if (turn.resultImages?.length) out.push({ role: 'user', content: TOOL_IMAGES, images: turn.resultImages });
  }
  return out;
}

function argumentsOf(input: unknown): string {
  if (input === undefined || input === null) return '{}';
  try {
    return JSON.stringify(input);
  } catch {
    return '{}';
  }
}
