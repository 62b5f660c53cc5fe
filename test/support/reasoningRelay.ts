// A relay that follows OpenAI's published rules for reasoning models and the Responses API, for
// tests, the demo (`npm start`) and the gateway tier:
// - reasoning models (o1/o3/o4/gpt-5 except -chat, or any id `isReasoning` says) answer 400 with
//   `param` set to `max_tokens` ("Use 'max_completion_tokens' instead"), to a temperature other
//   than 1 and to top_p / penalties / logprobs;
// - Responses-only models (`*codex*`, `*-pro`) answer 400 "only supported in v1/responses" on
//   /chat/completions and are served on POST /responses (typed SSE events or output[]);
// - usage carries cached prompt tokens and reasoning tokens as OpenAI reports them.
import type { RecordedRequest, Scenario } from './simulator';
import { modelList, sseEvent, streamScenario } from './sse';

export interface ReasoningRelayOptions {
  /** Which ids follow the reasoning-model rules (default: OpenAI's o-series and gpt-5 family). */
  isReasoning?: (model: string) => boolean;
  /** Which ids exist only on /responses (default: *codex*, gpt-5-pro*, o1-pro*, o3-pro*). */
  isResponsesOnly?: (model: string) => boolean;
  /** The answer to a request's messages (default: an echo of the last user turn). */
  answer?: (messages: { role: string; content: string }[]) => string;
  /** Reasoning summary streamed before the answer (default: a short one). */
  reasoning?: string;
  /** Ids listed on GET /models. */
  models?: string[];
  /** Pause between streamed events (ms). */
  delayMs?: number;
}

const bare = (model: string) => model.toLowerCase().slice(model.lastIndexOf('/') + 1);

export function openAiReasoning(model: string): boolean {
  const id = bare(model);
  return /^o[134](?![0-9])/.test(id) || (id.startsWith('gpt-5') && !id.includes('-chat'));
}

export function openAiResponsesOnly(model: string): boolean {
  const id = bare(model);
  return id.includes('codex') || /^(gpt-5-pro|o1-pro|o3-pro)/.test(id);
}

function bad(message: string, param: string | null, code: string | null): Scenario {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** The 400 OpenAI gives a reasoning model for a parameter it does not take, or null. */
export function reasoningRejection(body: Record<string, unknown>): Scenario | null {
  if (body.max_tokens !== undefined) {
    return bad("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');
  }
  if (body.temperature !== undefined && body.temperature !== 1) {
    return bad(`Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`, 'temperature', 'unsupported_value');
  }
  for (const p of ['top_p', 'presence_penalty', 'frequency_penalty', 'logprobs']) {
    if (body[p] !== undefined) return bad(`Unsupported parameter: '${p}' is not supported with this model.`, p, 'unsupported_parameter');
  }
  return null;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('');
}

/** Messages of a chat body, or of a Responses body (instructions as the system turn). */
export function messagesOf(body: Record<string, unknown>): { role: string; content: string }[] {
  const list = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  const out = list
    .filter((m: { role?: unknown }) => typeof m?.role === 'string')
    .map((m: { role: string; content?: unknown }) => ({ role: m.role, content: textOf(m.content) }));
  return typeof body.instructions === 'string' ? [{ role: 'system', content: body.instructions }, ...out] : out;
}

/** Token counts as OpenAI reports them: 1,024-token cached prefix once the prompt is long enough, reasoning inside the output. */
export function tokenCounts(body: Record<string, unknown>, answer: string, reasoning: string) {
  const prompt = Math.ceil(JSON.stringify(body.messages ?? body.input ?? '').length / 4) + 1_200;
  const reasoningTokens = Math.max(64, Math.ceil(reasoning.length / 4));
  const completion = Math.ceil(answer.length / 4) + reasoningTokens;
  return { prompt, cached: 1_024, completion, reasoning: reasoningTokens };
}

function echo(messages: { role: string; content: string }[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user');
  return `Echo: ${user?.content ?? ''}`;
}

function words(text: string): string[] {
  return text.match(/\S*\s*/g)?.filter((w) => w !== '') ?? [text];
}

export function reasoningResponder(o: ReasoningRelayOptions = {}): (req: RecordedRequest) => Scenario {
  const isReasoning = o.isReasoning ?? openAiReasoning;
  const isResponsesOnly = o.isResponsesOnly ?? openAiResponsesOnly;
  const answerOf = o.answer ?? echo;
  const summary = o.reasoning ?? 'Thinking about the request before answering.';
  return (req: RecordedRequest): Scenario => {
    if (req.method === 'GET' && req.path.endsWith('/models')) return { body: modelList(o.models ?? ['gpt-5', 'gpt-5-mini', 'o3', 'gpt-5-codex']) };
    const body = (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown>;
    const model = String(body.model ?? '');
    if (req.method === 'POST' && req.path.endsWith('/chat/completions')) {
      if (isResponsesOnly(model)) return { status: 400, body: { error: { message: 'This model is only supported in v1/responses and not in v1/chat/completions.', type: 'invalid_request_error', param: 'model', code: null } } };
      const rejected = isReasoning(model) ? reasoningRejection(body) : null;
      if (rejected) return rejected;
      return chatAnswer(body, answerOf(messagesOf(body)), isReasoning(model) ? summary : '', o.delayMs);
    }
    if (req.method === 'POST' && req.path.endsWith('/responses')) {
      if (body.max_tokens !== undefined || body.max_completion_tokens !== undefined || body.messages !== undefined) {
        const p = ['max_tokens', 'max_completion_tokens', 'messages'].find((k) => body[k] !== undefined)!;
        return bad(`Unknown parameter: '${p}'.`, p, 'unknown_parameter');
      }
      const rejected = isReasoning(model) && body.temperature !== undefined ? reasoningRejection({ temperature: body.temperature }) : null;
      if (rejected) return rejected;
      return responsesAnswer(body, answerOf(messagesOf(body)), isReasoning(model) ? summary : '', o.delayMs);
    }
    return { status: 404, body: { error: { message: `no route for ${req.method} ${req.path}`, type: 'not_found' } } };
  };
}

function chatUsage(body: Record<string, unknown>, answer: string, reasoning: string) {
  const t = tokenCounts(body, answer, reasoning);
  return {
    prompt_tokens: t.prompt,
    completion_tokens: t.completion,
    total_tokens: t.prompt + t.completion,
    prompt_tokens_details: { cached_tokens: t.cached },
    completion_tokens_details: { reasoning_tokens: reasoning ? t.reasoning : 0 },
  };
}

function chatAnswer(body: Record<string, unknown>, answer: string, reasoning: string, delayMs?: number): Scenario {
  const usage = chatUsage(body, answer, reasoning);
  if (body.stream !== true) {
    return { body: { id: 'chatcmpl-r', object: 'chat.completion', created: 0, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }], usage } };
  }
  return streamScenario(words(answer), { usage, delayMs });
}

export function responsesUsage(body: Record<string, unknown>, answer: string, reasoning: string) {
  const t = tokenCounts(body, answer, reasoning);
  return {
    input_tokens: t.prompt,
    input_tokens_details: { cached_tokens: t.cached },
    output_tokens: t.completion,
    output_tokens_details: { reasoning_tokens: reasoning ? t.reasoning : 0 },
    total_tokens: t.prompt + t.completion,
  };
}

function responsesAnswer(body: Record<string, unknown>, answer: string, reasoning: string, delayMs?: number): Scenario {
  const usage = responsesUsage(body, answer, reasoning);
  const output = [
    ...(reasoning ? [{ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: reasoning }] }] : []),
    { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: answer, annotations: [] }] },
  ];
  const response = { id: 'resp_1', object: 'response', model: body.model, status: 'completed', output, usage };
  if (body.stream !== true) return { body: response };
  const ev = (type: string, data: object) => sseEvent({ type, ...data }, { event: type });
  const steps: Scenario['steps'] = [ev('response.created', { response: { ...response, status: 'in_progress', output: [], usage: null } })];
  const gap = () => (delayMs ? [{ delayMs }] : []);
  if (reasoning) for (const w of words(reasoning)) steps.push(ev('response.reasoning_summary_text.delta', { item_id: 'rs_1', output_index: 0, summary_index: 0, delta: w }), ...gap());
  const index = reasoning ? 1 : 0;
  for (const w of words(answer)) steps.push(ev('response.output_text.delta', { item_id: 'msg_1', output_index: index, content_index: 0, delta: w }), ...gap());
  steps.push(ev('response.output_text.done', { item_id: 'msg_1', output_index: index, content_index: 0, text: answer }));
  steps.push(ev('response.completed', { response }));
  return { steps };
}
