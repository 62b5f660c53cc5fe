// Builders for Responses API bodies and typed SSE events, used with the simulator.
//
//   sim.enqueue(responseScenario('Hello'));                                  // non-streaming
//   sim.enqueue({ steps: [responseEvent('response.output_text.delta', { delta: 'Hi' }), responseEvent('response.completed', { response: responseObject('Hi') })] });
import type { Scenario } from './simulator';
import { sseEvent } from './sse';

export interface ResponsesUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens?: number;
  input_tokens_details?: { cached_tokens: number };
  output_tokens_details?: { reasoning_tokens: number };
}

/** A response object: reasoning summary item (when given), then one message with the text. */
export function responseObject(text: string, o: { usage?: ResponsesUsage; reasoning?: string; status?: string; incomplete?: string; error?: object; output?: object[] } = {}): Record<string, unknown> {
  const output = o.output ?? [
    ...(o.reasoning ? [{ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: o.reasoning }] }] : []),
    { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] },
  ];
  const usage = o.usage && { ...o.usage, total_tokens: o.usage.total_tokens ?? o.usage.input_tokens + o.usage.output_tokens };
  return {
    id: 'resp_sim',
    object: 'response',
    status: o.status ?? 'completed',
    incomplete_details: o.incomplete ? { reason: o.incomplete } : null,
    error: o.error ?? null,
    output,
    usage: usage ?? null,
  };
}

export function responseScenario(text: string, o: Parameters<typeof responseObject>[1] = {}): Scenario {
  return { body: responseObject(text, o) };
}

/** One typed event: `event: <type>` and JSON data whose `type` repeats it. */
export function responseEvent(type: string, data: object = {}): string {
  return sseEvent({ type, ...data }, { event: type });
}

/** The events of a streamed response: reasoning summary deltas, text deltas, then response.completed (or the given end). */
export function responseStreamSteps(texts: string[], o: { reasoning?: string[]; usage?: ResponsesUsage; end?: string | null } = {}): string[] {
  const steps = [responseEvent('response.created', { response: responseObject('', { status: 'in_progress', output: [] }) })];
  for (const r of o.reasoning ?? []) steps.push(responseEvent('response.reasoning_summary_text.delta', { output_index: 0, summary_index: 0, delta: r }));
  for (const t of texts) steps.push(responseEvent('response.output_text.delta', { output_index: 1, content_index: 0, delta: t }));
  if (o.end === undefined) steps.push(responseEvent('response.completed', { response: responseObject(texts.join(''), { usage: o.usage, reasoning: o.reasoning?.join('') }) }));
  else if (o.end !== null) steps.push(o.end);
  return steps;
}

export function responseStreamScenario(texts: string[], o: Parameters<typeof responseStreamSteps>[1] = {}): Scenario {
  return { steps: responseStreamSteps(texts, o) };
}
