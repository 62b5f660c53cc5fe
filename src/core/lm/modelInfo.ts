// One entry of VS Code's model picker (LanguageModelChatInformation) per relay model: name,
// family, version, token limits from the model table, the relay and the price in detail / tooltip,
// and capabilities. vscode-free: the glue hands the list to VS Code as is.

export { formatPricePerMillion };
import { formatPricePerMillion } from '../models/format';
import { maxOutputOf } from '../models/limits';
import { baseModelId, capabilitiesOf, type Capabilities } from '../models/capabilities';
import { contextWindowOf, overrideOf, priceOf, resolveModel, type ModelOverrides, type Price } from '../relay/models';
import type { ModelInfo } from '../relay/types';

export interface LmModelInformation {
  id: string;
  name: string;
  family: string;
  version: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  detail: string;
  tooltip: string;
  capabilities: Capabilities;
}

export interface ModelInfoInput {
  /** Model ids in picker order (the chat's merged list). */
  ids: readonly string[];
  /** What the relay's /models said about each id (pricing, context window), when it did. */
  remote: ReadonlyMap<string, ModelInfo>;
  overrides: ModelOverrides;
  baseUrl: string;
}

const int = (n: number) => n.toLocaleString('en-US');

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** Price: the user's setting or the built-in table, else what the relay publishes. */
function priceFor(id: string, info: ModelInfo | undefined, overrides: ModelOverrides): Price | null {
  const known = priceOf(id, overrides);
  if (known) return known;
  return info?.pricing ? { input: info.pricing.input, output: info.pricing.output } : null;
}

/** Input + output must fit the context window: the output limit takes at most half of it. */
function limits(id: string, info: ModelInfo | undefined, overrides: ModelOverrides): { maxInputTokens: number; maxOutputTokens: number } {
  const context = overrideOf(id, overrides)?.contextWindow ?? info?.contextWindow ?? contextWindowOf(id, overrides);
  const maxOutputTokens = Math.max(1, Math.min(maxOutputOf(id, overrides), Math.floor(context / 2)));
  return { maxInputTokens: Math.max(1, context - maxOutputTokens), maxOutputTokens };
}

export function modelInformation(input: ModelInfoInput): LmModelInformation[] {
  const host = hostOf(input.baseUrl);
  const seen = new Set<string>();
  const out: LmModelInformation[] = [];
  for (const raw of input.ids) {
    const id = resolveModel(raw);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const info = input.remote.get(id) ?? input.remote.get(raw);
    const price = priceFor(id, info, input.overrides);
    const caps = capabilitiesOf(id, input.overrides);
    const { maxInputTokens, maxOutputTokens } = limits(id, info, input.overrides);
    const priceText = price ? formatPricePerMillion(price) : 'price unknown (set one under relayAssistant.models)';
    const can = [caps.toolCalling ? 'tools' : '', caps.imageInput ? 'images' : ''].filter(Boolean).join(', ');
    out.push({
      id,
      name: id,
      family: baseModelId(id),
      version: id,
      maxInputTokens,
      maxOutputTokens,
      detail: price ? `${host} · ${formatPricePerMillion(price).replace(' tokens', '')}` : host,
      tooltip:
        `${id} through the relay at ${input.baseUrl} (Relay Assistant). ${priceText}. ` +
        `Context ${int(maxInputTokens + maxOutputTokens)} tokens, answers up to ${int(maxOutputTokens)}${can ? `; takes ${can}` : ''}.`,
      capabilities: caps,
    });
  }
  return out;
}
