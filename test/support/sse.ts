// Builders for SSE bodies and OpenAI-shaped payloads, used with the simulator.
//
//   sim.enqueue(streamScenario(['Hel', 'lo'], { usage: { prompt_tokens: 3, completion_tokens: 2 } }));
//   sim.enqueue(completionScenario('Hello'));                       // non-streaming
//   sim.enqueue({ steps: [sseEvent(chunk({ content: 'a' })), { delayMs: 50 }, sseEvent('[DONE]')] });
//   sim.enqueue(errorScenario(429, { message: 'slow down', type: 'rate_limit' }, { 'retry-after': '1' }));
import type { Scenario, Step } from './simulator';

/** OpenAI wire usage (snake_case). total_tokens is filled in when omitted. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

export interface ChunkParts {
  content?: string | null;
  reasoning?: string;
  /** Sent as delta.reasoning instead of delta.reasoning_content. */
  reasoningField?: 'reasoning_content' | 'reasoning';
  role?: string;
  finish?: string | null;
  usage?: WireUsage;
  /** Choice index (default 0). */
  index?: number;
  toolCalls?: unknown[];
  /** true: `choices: []` (a usage-only chunk). */
  noChoices?: boolean;
  model?: string;
}

/** One SSE event: `event:` line (optional), one `data:` line per line of data, blank line. Objects are JSON. */
export function sseEvent(data: string | object, opts: { event?: string; id?: string; eol?: string } = {}): string {
  const eol = opts.eol ?? '\n';
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  let out = '';
  if (opts.event !== undefined) out += `event: ${opts.event}${eol}`;
  if (opts.id !== undefined) out += `id: ${opts.id}${eol}`;
  for (const line of text.split('\n')) out += `data: ${line}${eol}`;
  return out + eol;
}

export const DONE = sseEvent('[DONE]');

function withTotal(u: WireUsage): Required<WireUsage> {
  return { ...u, total_tokens: u.total_tokens ?? u.prompt_tokens + u.completion_tokens };
}

/** An OpenAI chat.completion.chunk object. */
export function chunk(p: ChunkParts = {}): object {
  const delta: Record<string, unknown> = {};
  if (p.role) delta.role = p.role;
  if (p.content !== undefined) delta.content = p.content;
  if (p.reasoning !== undefined) delta[p.reasoningField ?? 'reasoning_content'] = p.reasoning;
  if (p.toolCalls) delta.tool_calls = p.toolCalls;
  const choices = p.noChoices ? [] : [{ index: p.index ?? 0, delta, finish_reason: p.finish ?? null }];
  const out: Record<string, unknown> = { id: 'chatcmpl-sim', object: 'chat.completion.chunk', created: 0, model: p.model ?? 'sim', choices };
  if (p.usage) out.usage = withTotal(p.usage);
  return out;
}

export interface StreamOptions {
  /** Finish reason on the last chunk (default 'stop'; null: none). */
  finish?: string | null;
  /** Usage-only chunk after the finish chunk. */
  usage?: WireUsage;
  /** Send `data: [DONE]` (default true). */
  done?: boolean;
  /** Delay between deltas. */
  delayMs?: number;
  reasoning?: string[];
  status?: number;
  headers?: Record<string, string>;
}

/** The SSE steps of a streamed answer: reasoning deltas, text deltas, finish chunk, usage chunk, [DONE]. */
export function streamSteps(texts: string[], opts: StreamOptions = {}): Step[] {
  const steps: Step[] = [];
  const gap = () => {
    if (opts.delayMs) steps.push({ delayMs: opts.delayMs });
  };
  for (const r of opts.reasoning ?? []) {
    steps.push(sseEvent(chunk({ reasoning: r })));
    gap();
  }
  for (const t of texts) {
    steps.push(sseEvent(chunk({ content: t })));
    gap();
  }
  const finish = opts.finish === undefined ? 'stop' : opts.finish;
  if (finish !== null) steps.push(sseEvent(chunk({ finish })));
  if (opts.usage) steps.push(sseEvent(chunk({ noChoices: true, usage: opts.usage })));
  if (opts.done ?? true) steps.push(DONE);
  return steps;
}

export function streamScenario(texts: string[], opts: StreamOptions = {}): Scenario {
  return { status: opts.status, headers: opts.headers, steps: streamSteps(texts, opts) };
}

/** An OpenAI chat.completion object (the non-streaming body). */
export function completion(text: string | null, usage?: WireUsage, finish: string | null = 'stop', reasoning?: string): object {
  const message: Record<string, unknown> = { role: 'assistant', content: text };
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  const out: Record<string, unknown> = { id: 'chatcmpl-sim', object: 'chat.completion', created: 0, model: 'sim', choices: [{ index: 0, message, finish_reason: finish }] };
  if (usage) out.usage = withTotal(usage);
  return out;
}

export function completionScenario(text: string, usage?: WireUsage): Scenario {
  return { body: completion(text, usage) };
}

/** An error answer `{error: {...}}` with the given status and headers. */
export function errorScenario(status: number, error: { message?: string; type?: string; code?: string | number | null }, headers?: Record<string, string>): Scenario {
  return { status, headers, body: { error: { message: 'error', ...error } } };
}

export function modelList(ids: string[] = ['gpt-4.1', 'claude-sonnet-4.5', 'gemini-2.5-flash', 'deepseek-v3.2']): object {
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'simulator' })) };
}

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: { role?: string; content?: unknown }[] } | null)?.messages;
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    // content parts (images, cache_control marks): their text
    if (Array.isArray(m.content)) return m.content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('');
  }
  return '';
}

/** The default answer: echoes the last user message, streamed word by word when the request asks for it. */
export function defaultScenario(body: unknown): Scenario {
  const text = `Echo: ${lastUserText(body)}`;
  const usage = { prompt_tokens: Math.ceil(JSON.stringify(body ?? '').length / 4), completion_tokens: Math.ceil(text.length / 4) };
  const stream = (body as { stream?: boolean } | null)?.stream === true;
  if (!stream) return completionScenario(text, usage);
  const words = text.match(/\S+\s*/g) ?? [text];
  return streamScenario(words, { usage });
}

/** A redirect answer: `Location` relative or absolute, no body. */
export function redirectScenario(status: 301 | 302 | 303 | 307 | 308, location: string): Scenario {
  return { status, headers: { location } };
}

/** A chunk whose delta.content is an array of parts (Mistral, some gateways). */
export function partsChunk(parts: unknown[], finish: string | null = null): object {
  return { id: 'chatcmpl-sim', object: 'chat.completion.chunk', created: 0, model: 'sim', choices: [{ index: 0, delta: { content: parts }, finish_reason: finish }] };
}

/** A chat.completion whose message.content is an array of parts. */
export function partsCompletion(parts: unknown[]): object {
  return { id: 'chatcmpl-sim', object: 'chat.completion', created: 0, model: 'sim', choices: [{ index: 0, message: { role: 'assistant', content: parts }, finish_reason: 'stop' }] };
}
