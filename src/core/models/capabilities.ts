// What a model can take besides text: tool calling and image input, per model family, with the
// per-model switches `toolCalling` / `vision` in relayAssistant.models winning over the table.
import { overrideOf, resolveModel, type ModelOverrides } from '../relay/models';

export interface Capabilities {
  toolCalling: boolean;
  imageInput: boolean;
}

/** Families in the order they are tried (first match wins); ids are matched without a provider prefix. */
const FAMILIES: { pattern: RegExp; caps: Capabilities }[] = [
  { pattern: /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o[134](?:-|$)|chatgpt-4o)/, caps: { toolCalling: true, imageInput: true } },
  { pattern: /^gpt-(4-turbo|4-vision)/, caps: { toolCalling: true, imageInput: true } },
  { pattern: /^gpt-(3\.5|4)(?:-|$)/, caps: { toolCalling: true, imageInput: false } },
  { pattern: /^(gpt-oss|codex)/, caps: { toolCalling: true, imageInput: false } },
  { pattern: /^claude-/, caps: { toolCalling: true, imageInput: true } },
  { pattern: /^gemini-/, caps: { toolCalling: true, imageInput: true } },
  { pattern: /^deepseek-.*(vl|ocr)/, caps: { toolCalling: false, imageInput: true } },
  { pattern: /^deepseek-/, caps: { toolCalling: true, imageInput: false } },
  { pattern: /^(qwen.*-vl|qvq|llava|bakllava|moondream|minicpm-v|llama3\.2-vision|llama-3\.2-.*vision|pixtral|gemma3)/, caps: { toolCalling: false, imageInput: true } },
  { pattern: /^(qwen|llama-?3\.[1-3]|llama-?4|mistral|mixtral|codestral|devstral|magistral|command-r|grok|kimi|glm-4|minimax)/, caps: { toolCalling: true, imageInput: false } },
  { pattern: /^(llama|phi|starcoder|codellama|deepseek-coder|tinyllama|gemma)/, caps: { toolCalling: false, imageInput: false } },
];

/** Unknown models: relays add models weekly, and most current chat models call tools; images only when stated. */
export const DEFAULT_CAPABILITIES: Capabilities = { toolCalling: true, imageInput: false };

/** The model id without a provider prefix ("openai/gpt-4.1" -> "gpt-4.1"), lower case. */
export function baseModelId(model: string): string {
  const id = resolveModel(model).toLowerCase();
  return id.slice(id.lastIndexOf('/') + 1);
}

export function capabilitiesOf(model: string, overrides?: ModelOverrides): Capabilities {
  const id = baseModelId(model);
  const base = FAMILIES.find((f) => f.pattern.test(id))?.caps ?? DEFAULT_CAPABILITIES;
  const o = overrideOf(model, overrides);
  return { toolCalling: o?.toolCalling ?? base.toolCalling, imageInput: o?.vision ?? base.imageInput };
}
