// VS Code's message parts -> the core's LmPart, by class (instanceof against VS Code's own
// classes: a thinking part or a prompt-tsx part has a `value` too, and must not pass for text).
import type { LmMessage, LmPart, LmRole } from '../../core/lm/index';
import type { LanguageModelChatRequestMessage, LmRuntime } from './lmApi';

const ROLES: Record<number, LmRole> = { 1: 'user', 2: 'assistant', 3: 'system' };

export function toLmPart(part: unknown, rt: LmRuntime): LmPart {
  if (part instanceof rt.LanguageModelTextPart) return { kind: 'text', value: String(part.value) };
  if (part instanceof rt.LanguageModelToolCallPart) return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (part instanceof rt.LanguageModelToolResultPart) return { kind: 'toolResult', callId: part.callId, content: part.content.map((c) => toLmPart(c, rt)) };
  if (rt.LanguageModelDataPart && part instanceof rt.LanguageModelDataPart) return { kind: 'data', mimeType: part.mimeType, data: part.data };
  return { kind: 'unknown' };
}

export function toLmMessage(m: LanguageModelChatRequestMessage, rt: LmRuntime): LmMessage {
  return { role: ROLES[m.role] ?? 'user', parts: m.content.map((p) => toLmPart(p, rt)) };
}
