// Which models take `reasoning_effort`, and which levels each accepts (the chat's effort picker).
// The family rule itself lives with the relay client's parameter rules (params.ts).
import type { ReasoningEffort } from '../relay/types';
import { bareId, overrideOf, type ModelOverrides } from './ids';
import { isReasoningModel as isReasoningFamily } from './params';

/** true for models that think before answering and accept a reasoning effort (the setting `reasoning` decides first). */
export function isReasoningModel(model: string, overrides?: ModelOverrides): boolean {
  const o = overrideOf(model, overrides);
  if (o?.reasoning !== undefined) return o.reasoning;
  if (o?.reasoningEffort !== undefined) return true;
  return isReasoningFamily(model);
}

/** The effort levels a reasoning model accepts, lowest first; [] for other models. */
export function effortLevelsOf(model: string, overrides?: ModelOverrides): ReasoningEffort[] {
  if (!isReasoningModel(model, overrides)) return [];
  const bare = bareId(model);
  if (/^gpt-5\.1-codex-max/.test(bare)) return ['low', 'medium', 'high', 'xhigh'];
  if (/^gpt-5\.1-codex/.test(bare)) return ['low', 'medium', 'high'];
  if (/^gpt-5\.\d/.test(bare)) return ['none', 'low', 'medium', 'high'];
  if (/^gpt-5-codex/.test(bare)) return ['low', 'medium', 'high'];
  if (/^gpt-5/.test(bare)) return ['minimal', 'low', 'medium', 'high'];
  return ['low', 'medium', 'high'];
}
