// Simulated provider APIs behind a gateway (only what Portkey's gateway calls): Anthropic's
// POST /v1/messages and Gemini's POST /v1beta/models/{model}:generateContent /
// :streamGenerateContent?alt=sse. Serve them with the simulator: `sim.setResponder(anthropicUpstream())`.
import type { RecordedRequest, Scenario } from './simulator';
import { sseEvent } from './sse';

export interface UpstreamOptions {
  /** Finish reason the provider reports (Anthropic stop_reason / Gemini finishReason). */
  finish?: string;
  /** The answer text. */
  text?: string;
  /** The answer to the request's turns (Anthropic: `system` as the system turn), instead of `text`. */
  answer?: (messages: { role: string; content: string }[]) => string;
  /** Anthropic: an `event: error` of this type after the first text (stream) instead of the end. */
  streamError?: string;
  /** Anthropic: answer a request with this 400 message instead (like the real API's validation errors). */
  reject?: (body: Record<string, unknown>) => string | null;
  /** Anthropic: a tool_use block instead of text. */
  toolUse?: { id: string; name: string; input: object };
}

/** Anthropic's own validation: max_tokens is required on /v1/messages. */
export function anthropicRequiresMaxTokens(body: Record<string, unknown>): string | null {
  return typeof body.max_tokens === 'number' ? null : 'max_tokens: Field required';
}

function anthropicError(message: string, type = 'invalid_request_error', status = 400): Scenario {
  return { status, body: { type: 'error', error: { type, message } } };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((b: { text?: unknown }) => (typeof b?.text === 'string' ? b.text : '')).join('') : '';
}

/** The turns of a /v1/messages body as plain text (the system prompt first). */
export function anthropicTurns(body: Record<string, unknown>): { role: string; content: string }[] {
  const messages = Array.isArray(body.messages) ? (body.messages as { role: string; content: unknown }[]) : [];
  return [{ role: 'system', content: textOf(body.system) }, ...messages.map((m) => ({ role: m.role, content: textOf(m.content) }))];
}

export function anthropicUpstream(o: UpstreamOptions = {}): (req: RecordedRequest) => Scenario {
  return (req) => {
    if (req.method !== 'POST' || !req.path.endsWith('/messages')) return anthropicError(`no route ${req.path}`, 'not_found_error', 404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rejected = o.reject?.(body) ?? anthropicRequiresMaxTokens(body);
    if (rejected) return anthropicError(rejected);
    const text = o.answer ? o.answer(anthropicTurns(body)) : (o.text ?? 'Hello from Anthropic');
    const stop = o.toolUse ? 'tool_use' : (o.finish ?? 'end_turn');
    const usage = { input_tokens: 12, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    const block = o.toolUse ? { type: 'tool_use', ...o.toolUse } : { type: 'text', text };
    if (body.stream !== true) {
      return { body: { id: 'msg_sim', type: 'message', role: 'assistant', model: body.model, content: [block], stop_reason: stop, stop_sequence: null, usage } };
    }
    const ev = (type: string, data: object) => sseEvent({ type, ...data }, { event: type });
    const steps: string[] = [ev('message_start', { message: { id: 'msg_sim', type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } })];
    if (o.toolUse) {
      steps.push(ev('content_block_start', { index: 0, content_block: { type: 'tool_use', id: o.toolUse.id, name: o.toolUse.name, input: {} } }));
      steps.push(ev('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: JSON.stringify(o.toolUse.input) } }));
    } else {
      steps.push(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
      steps.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
    }
    if (o.streamError) {
      steps.push(ev('error', { error: { type: o.streamError, message: 'Overloaded' } }));
      return { steps };
    }
    steps.push(ev('content_block_stop', { index: 0 }));
    steps.push(ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 5 } }));
    steps.push(ev('message_stop', {}));
    return { steps };
  };
}

export function geminiUpstream(o: UpstreamOptions = {}): (req: RecordedRequest) => Scenario {
  return (req) => {
    const m = /\/models\/([^/:]+):(generateContent|streamGenerateContent)/.exec(req.path);
    if (req.method !== 'POST' || !m) return { status: 404, body: [{ error: { code: 404, message: `no route ${req.path}`, status: 'NOT_FOUND' } }] };
    const text = o.text ?? 'Hello from Gemini';
    const finish = o.finish ?? 'STOP';
    const usageMetadata = { promptTokenCount: 9, candidatesTokenCount: 4, totalTokenCount: 13 };
    const candidate = (t: string, finishReason?: string) => ({ content: { role: 'model', parts: [{ text: t }] }, index: 0, ...(finishReason ? { finishReason } : {}) });
    if (m[2] === 'generateContent') return { body: { candidates: [candidate(text, finish)], usageMetadata, modelVersion: m[1] } };
    const half = Math.ceil(text.length / 2);
    return {
      steps: [
        sseEvent({ candidates: [candidate(text.slice(0, half))], usageMetadata, modelVersion: m[1] }, { eol: '\r\n' }),
        sseEvent({ candidates: [candidate(text.slice(half), finish)], usageMetadata, modelVersion: m[1] }, { eol: '\r\n' }),
      ],
    };
  };
}
