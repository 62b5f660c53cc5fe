// Learned rules (relay-protocol.md, "Parameters per model family"): what a relay's 400 says about
// a parameter we sent, turned into a rule remembered per (relay origin, model).
import type { LearnedRules } from '../models/params';
import type { RelayError } from './errors';
import type { RuleStore, WireApi } from './types';

/** A rule store in memory (the CLI's, and a client's own when none is given). */
export function memoryRuleStore(): RuleStore {
  const map = new Map<string, unknown>();
  return {
    get: <T>(key: string) => map.get(key) as T | undefined,
    update: (key, value) => void (value === undefined ? map.delete(key) : map.set(key, value)),
  };
}

/** The store key of one relay origin and model. */
export function rulesKey(baseUrl: string, model: string): string {
  let origin = baseUrl;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    // not a URL: the base URL itself scopes the rules
  }
  return `relayAssistant.learnedRules:${origin}|${model}`;
}

/** Body fields that can be left out (or renamed) without changing what is asked. */
const DROPPABLE = [
  'temperature', 'top_p', 'frequency_penalty', 'presence_penalty', 'logprobs', 'top_logprobs', 'seed',
  'max_tokens', 'max_completion_tokens', 'max_output_tokens', 'stream_options', 'reasoning_effort', 'reasoning',
  'store', 'parallel_tool_calls', 'cache_control',
];

/** Codes and types of a "this parameter is not accepted" answer. */
const PARAMETER_ERROR = /unsupported|invalid|bad_?request|badrequest|not_supported|validation|unknown_parameter/i;

/** The parameters a body carries (top-level names; cache_control where it marks a message part). */
export function sentParams(body: Record<string, unknown>): Set<string> {
  const sent = new Set(Object.keys(body));
  if (JSON.stringify(body.messages ?? body.input ?? '').includes('"cache_control"')) sent.add('cache_control');
  return sent;
}

function mentions(message: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(message);
}

/** The droppable parameter we sent that the error names (by `param`, else in its message), or null. */
export function namedParam(e: RelayError, sent: Set<string>): string | null {
  const candidates = DROPPABLE.filter((p) => sent.has(p));
  const param = e.param ?? '';
  const byParam = candidates.find((p) => param === p || param.endsWith(`.${p}`) || param.startsWith(`${p}.`) || param.startsWith(`${p}[`));
  if (byParam) return byParam;
  if (e.code !== null && !PARAMETER_ERROR.test(e.code)) return null;
  const named = candidates.find((p) => mentions(e.message, p));
  if (named) return named;
  // Relays that take only string content answer the marked parts with "messages[0].content: … string".
  return sent.has('cache_control') && (/(^|\.|\])content\b/.test(param) || /\bcontent\b/.test(e.message)) ? 'cache_control' : null;
}

function isParameterAnswer(e: RelayError): boolean {
  return !e.partialText && !e.partialReasoning && (e.status === 400 || e.status === 422);
}

/** "max_tokens: Field required", "max_tokens is required": a relay that wants an output budget. */
function wantsBudget(e: RelayError, sent: Set<string>): boolean {
  if (sent.has('max_tokens')) return false; // sent and still "required": not about the budget's presence
  return mentions(e.message, 'max_tokens') && /required|missing|must be (set|provided|specified)/i.test(e.message);
}

/** "only supported in v1/responses": a model served only on the Responses API. */
function wantsResponses(e: RelayError, api: WireApi): boolean {
  if (api !== 'chat' || (e.status !== 400 && e.status !== 404)) return false;
  return /v1\/responses|responses api/i.test(e.message);
}

/** OpenAI's wording for reasoning models: the whole family's rules apply, not just one parameter. */
function soundsLikeReasoningModel(e: RelayError, param: string): boolean {
  if (param === 'max_tokens') return /max_completion_tokens/.test(e.message);
  if (param === 'temperature' || param === 'top_p') return /only the default \(1\) value is supported/i.test(e.message);
  return false;
}

/**
 * The rules after this error, or null when it teaches nothing (not a parameter answer, names
 * nothing we can drop, or the rule is already known and the request still failed).
 */
export function learnFrom(e: RelayError, sent: Set<string>, api: WireApi, known: LearnedRules | undefined): LearnedRules | null {
  if (e.partialText || e.partialReasoning) return null;
  const rules: LearnedRules = { ...known, drop: [...(known?.drop ?? [])] };
  if (wantsResponses(e, api)) return known?.api === 'responses' ? null : { ...rules, api: 'responses' };
  if (!isParameterAnswer(e)) return null;
  if (wantsBudget(e, sent)) return known?.needsBudget && known.budgetField === 'max_tokens' ? null : { ...rules, needsBudget: true, budgetField: 'max_tokens' };
  const param = namedParam(e, sent);
  if (!param) return null;
  if (param === 'max_tokens' || param === 'max_completion_tokens') {
    const other = param === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    if (known?.budgetField === other) return null;
    if (known?.budgetField === param) {
      // Both names rejected (the other one earlier): no output budget at all.
      if (rules.drop!.includes(param)) return null;
      rules.drop!.push(param, other);
      rules.needsBudget = false;
    } else rules.budgetField = other;
  } else if (!rules.drop!.includes(param)) rules.drop!.push(param);
  else return null;
  if (soundsLikeReasoningModel(e, param)) {
    rules.reasoning = true;
    rules.budgetField = 'max_completion_tokens';
  }
  return rules;
}
