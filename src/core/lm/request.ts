// The request options VS Code passes (tools, tool mode, model options) -> ChatRequest fields.
import type { ChatRequest, ReasoningEffort, ToolSpec } from '../relay/types';
import type { LmTool } from './parts';

/** VS Code's LanguageModelChatToolMode values. */
export const TOOL_MODE = { Auto: 1, Required: 2 } as const;

export interface LmRequestOptions {
  tools?: readonly LmTool[];
  toolMode?: number;
  modelOptions?: { readonly [name: string]: unknown };
}

const EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** tools, toolChoice ('required' for Required; Auto is the relay's default and is not sent) and the model options we understand. */
export function requestFields(o: LmRequestOptions): Pick<ChatRequest, 'tools' | 'toolChoice' | 'temperature' | 'maxTokens' | 'reasoningEffort'> {
  const out: Pick<ChatRequest, 'tools' | 'toolChoice' | 'temperature' | 'maxTokens' | 'reasoningEffort'> = {};
  const tools: ToolSpec[] = (o.tools ?? []).map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), ...(t.inputSchema ? { parameters: t.inputSchema } : {}) }));
  if (tools.length) {
    out.tools = tools;
    if (o.toolMode === TOOL_MODE.Required) out.toolChoice = 'required';
  }
  const m = o.modelOptions ?? {};
  if (typeof m.temperature === 'number') out.temperature = m.temperature;
  const max = m.max_tokens ?? m.maxTokens ?? m.max_completion_tokens;
  if (typeof max === 'number' && max > 0) out.maxTokens = Math.floor(max);
  const effort = m.reasoning_effort ?? m.reasoningEffort;
  if (typeof effort === 'string' && (EFFORTS as readonly string[]).includes(effort)) out.reasoningEffort = effort as ReasoningEffort;
  return out;
}
