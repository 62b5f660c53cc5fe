// Which models take `reasoning_effort`, and which levels each accepts (the chat's effort picker).
// NOTE for the merge: the relay client's parameter rules (src/core/models/params.ts) decide what is sent;
// isReasoningModel here follows the same family rule and should call params.ts once it lands.
import type { ReasoningEffort } from '../relay/types';
import { bareId, overrideOf, type ModelOverrides } from './ids';

/** OpenAI reasoning families: o1*, o3*, o4*, gpt-5* except the gpt-5*-chat* models. */
const REASONING_FAMILY = /^(o[134]([-.]|$)|gpt-5(?!.*-chat))/;

/** true for models that think before answering and accept a reasoning effort (the setting `reasoning` decides first). */
export function isReasoningModel(model: string, overrides?: ModelOverrides): boolean {
  const o = overrideOf(model, overrides);
  if (o?.reasoning !== undefined) return o.reasoning;
  if (o?.reasoningEffort !== undefined) return true;
  return REASONING_FAMILY.test(bareId(model));
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
