// Model ids: aliases, per-model settings, and how an id a relay uses finds its family in a table.
import type { ModelOverride } from '../relay/types';

export type ModelOverrides = Record<string, ModelOverride> | undefined;

const ALIASES: Record<string, string> = {
  gpt4: 'gpt-4.1',
  'gpt-4': 'gpt-4.1',
  claude: 'claude-sonnet-4.5',
  gemini: 'gemini-2.5-flash',
  deepseek: 'deepseek-v3.2',
};

/** The model id an alias stands for; unknown names pass through unchanged (relays add models weekly). */
export function resolveModel(name: string): string {
  const trimmed = name.trim();
  return ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/** The override for a model, looked up by its resolved id, then by the name as given. */
export function overrideOf(model: string, overrides: ModelOverrides): ModelOverride | undefined {
  if (!overrides) return undefined;
  return overrides[resolveModel(model)] ?? overrides[model];
}

/**
 * The ids a model is looked up by in a built-in table, most specific first:
 * 1. the id itself (alias resolved, lower case): `gpt-5`, `openai/gpt-5`;
 * 2. without its provider prefix (everything up to the last `/`): `openai/gpt-5` -> `gpt-5`;
 * 3. Anthropic's dashed versions as dots: `claude-sonnet-4-5` -> `claude-sonnet-4.5`;
 * 4. without a dated snapshot or preview suffix: `gpt-5-2025-08-07` -> `gpt-5`,
 *    `claude-sonnet-4-5-20250929` -> `claude-sonnet-4.5`, `gemini-2.5-flash-preview-09-2025` -> `gemini-2.5-flash`,
 *    `claude-3-5-haiku-latest` -> `claude-3.5-haiku`.
 * Never a shorter family by prefix: `gpt-5-pro` is not `gpt-5` (it costs twelve times more).
 */
export function lookupIds(model: string): string[] {
  const id = resolveModel(model).toLowerCase();
  const bare = bareId(model);
  const dotted = bare.startsWith('claude') ? bare.replace(/(\d)-(\d)(?!\d)/g, '$1.$2') : bare;
  const undated = dotted
    .replace(/-\d{4}-\d{2}-\d{2}$/, '') // OpenAI snapshots
    .replace(/-\d{8}$/, '') // Anthropic snapshots
    .replace(/-latest$/, '')
    .replace(/-preview(-\d{2}-\d{4}|-\d{2}-\d{2})?$/, ''); // Gemini previews
  return [...new Set([id, bare, dotted, undated])];
}

/** The id without alias, case or provider prefix: `OpenAI/GPT-5` -> `gpt-5`. */
export function bareId(model: string): string {
  const id = resolveModel(model).toLowerCase();
  return id.slice(id.lastIndexOf('/') + 1);
}

/** The first table entry any of the model's lookup ids names. */
export function lookup<T>(table: Readonly<Record<string, T>>, model: string): T | undefined {
  for (const id of lookupIds(model)) {
    if (Object.prototype.hasOwnProperty.call(table, id)) return table[id];
  }
  return undefined;
}
