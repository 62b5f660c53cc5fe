// Which parameters a model takes (relay-protocol.md, "Models of 2025–2026"): the built-in family
// table, the per-model settings over it, and the rules the client learned from a relay's 400s.
import { contextWindowOf, overrideOf, resolveModel, type ModelOverrides } from '../relay/models';
import type { ReasoningEffort, WireApi } from '../relay/types';
import { bareId } from './ids';
import { maxOutputOf } from './limits';

export { bareId };

/** Rules learned from one relay's answers for one model (stored per relay origin and model). */
export interface LearnedRules {
  /** Parameters the relay rejected: never sent again (top-level names, or `cache_control`). */
  drop?: string[];
  /** The model behaves as an OpenAI reasoning model (max_completion_tokens, no sampling parameters). */
  reasoning?: boolean;
  /** Which name the output budget goes under (a relay that rejected the other one). */
  budgetField?: 'max_tokens' | 'max_completion_tokens';
  /** The relay requires an output budget on every request (gateways in front of Anthropic). */
  needsBudget?: boolean;
  /** The model exists only on the Responses API. */
  api?: WireApi;
}

/** What the client sends to one model, everything decided. */
export interface ModelParams {
  api: WireApi;
  /** OpenAI reasoning-model rules: max_completion_tokens, no temperature / top_p / penalties / logprobs. */
  reasoning: boolean;
  /** Claude-style cache_control marks on the system prompt and the last user turn. */
  promptCache: boolean;
  /** Output budget name on the chat wire. */
  budgetField: 'max_tokens' | 'max_completion_tokens';
  /** The output budget to send, or undefined for none. */
  maxTokens: number | undefined;
  temperature: number | undefined;
  reasoningEffort: ReasoningEffort | undefined;
  streamOptions: boolean;
  /** Top-level body fields never sent (learned). */
  drop: ReadonlySet<string>;
}

/** OpenAI reasoning models: o1*, o3*, o4*, gpt-5* except the `-chat` ones. */
export function isReasoningModel(model: string): boolean {
  const id = bareId(model);
  if (/^o[134](?![0-9])/.test(id)) return true;
  return id.startsWith('gpt-5') && !id.includes('-chat');
}

/** Models served only on the Responses API: *codex*, gpt-5-pro*, o1-pro*, o3-pro*. */
export function isResponsesOnly(model: string): boolean {
  const id = bareId(model);
  return id.includes('codex') || /^(gpt-5-pro|o1-pro|o3-pro)/.test(id);
}

/** Claude models (also `anthropic/…`), which take cache_control marks. */
export function isPromptCacheModel(model: string): boolean {
  const id = resolveModel(model).toLowerCase();
  return id.startsWith('anthropic/') || bareId(model).startsWith('claude');
}

/** A bounded answer (review, Refactor) asks for at most this much text. */
export const BOUNDED_ANSWER_TOKENS = 16_384;
/** Room a reasoning model gets for its reasoning on top of the answer. */
export const REASONING_ROOM_TOKENS = 32_768;

/** The smallest budget a bounded request sends, however full the context window. */
const MIN_BUDGET_TOKENS = 256;

/**
 * The output budget of a bounded request: sized from the model's output limit, reasoning room on
 * top (within the limit), and within what the context window leaves after the prompt (servers such
 * as vLLM reject prompt + budget above it).
 */
export function boundedBudget(model: string, reasoning: boolean, overrides?: ModelOverrides, promptTokens = 0): number {
  const limit = maxOutputOf(model, overrides);
  const answer = Math.min(limit, BOUNDED_ANSWER_TOKENS);
  const wanted = reasoning ? Math.min(limit, answer + REASONING_ROOM_TOKENS) : answer;
  const room = contextWindowOf(model, overrides) - promptTokens;
  return Math.max(MIN_BUDGET_TOKENS, Math.min(wanted, room));
}

export interface ParamsInput {
  model: string;
  maxTokens?: number;
  boundedOutput?: boolean;
  temperature?: number;
  reasoningEffort?: ReasoningEffort;
  stream: boolean;
  /** Estimated prompt size (tokens), for a bounded budget within the context window. */
  promptTokens?: number;
}

/** Built-in family table, then the model's settings, then what this relay taught the client. */
export function paramsOf(req: ParamsInput, overrides: ModelOverrides, learned: LearnedRules | undefined): ModelParams {
  const o = overrideOf(req.model, overrides);
  const reasoning = o?.reasoning ?? (learned?.reasoning || isReasoningModel(req.model));
  const api: WireApi = o?.api ?? learned?.api ?? (isResponsesOnly(req.model) ? 'responses' : 'chat');
  const drop = new Set(learned?.drop ?? []);
  const budgetField = learned?.budgetField ?? (reasoning ? 'max_completion_tokens' : 'max_tokens');
  let maxTokens = req.maxTokens;
  if (maxTokens === undefined && (req.boundedOutput || learned?.needsBudget)) maxTokens = boundedBudget(req.model, reasoning, overrides, req.promptTokens);
  return {
    api,
    reasoning,
    promptCache: (o?.promptCache ?? isPromptCacheModel(req.model)) && !drop.has('cache_control'),
    budgetField,
    maxTokens,
    temperature: reasoning ? undefined : req.temperature,
    reasoningEffort: req.reasoningEffort ?? o?.reasoningEffort,
    streamOptions: req.stream && o?.streamOptions !== false && !drop.has('stream_options'),
    drop,
  };
}
