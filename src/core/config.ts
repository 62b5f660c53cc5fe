import type { ModelOverride, RelayClientOptions } from './relay/types';

/** Every `relayAssistant.*` setting, typed. Keys match package.json contributes.configuration. */
export interface RelaySettings {
  baseUrl: string;
  model: string;
  reviewModel: string;
  fallbackModels: string[];
  models: Record<string, ModelOverride>;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetries: number;
  headers: Record<string, string>;
  caFile: string;
  systemPrompt: string;
  'review.include': string[];
  'review.exclude': string[];
  'review.concurrency': number;
  'review.requestsPerMinute': number;
  'review.tokensPerMinute': number;
  'review.maxFileBytes': number;
  'review.confirmAboveUsd': number;
  'review.batchPollMs': number;
  'review.minConfidence': number;
  'review.minSeverity': 'error' | 'warning' | 'info';
  'review.maxFindingsPerFile': number;
  'chat.confirmAboveUsd': number;
  'completions.enabled': boolean;
  'completions.model': string;
  'completions.api': 'auto' | 'fim' | 'infill' | 'template' | 'chat';
  'completions.debounceMs': number;
  'completions.languages': Record<string, boolean>;
  'completions.maxTokens': number;
}

export const DEFAULT_SETTINGS: RelaySettings = {
  baseUrl: 'https://api.holysheep.ai/v1',
  model: 'gpt-4.1',
  reviewModel: 'deepseek-v3.2',
  fallbackModels: [],
  models: {},
  requestTimeoutMs: 120_000,
  connectTimeoutMs: 15_000,
  headersTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  maxRetries: 3,
  headers: {},
  caFile: '',
  systemPrompt: '',
  'review.include': ['**/*'],
  'review.exclude': [],
  'review.concurrency': 4,
  'review.requestsPerMinute': 60,
  'review.tokensPerMinute': 0,
  'review.maxFileBytes': 300_000,
  'review.confirmAboveUsd': 0.5,
  'review.batchPollMs': 5000,
  'review.minConfidence': 0.6,
  'review.minSeverity': 'info',
  'review.maxFindingsPerFile': 8,
  'chat.confirmAboveUsd': 0.25,
  'completions.enabled': true,
  'completions.model': '',
  'completions.api': 'auto',
  'completions.debounceMs': 0,
  'completions.languages': { '*': true, plaintext: false, markdown: false, scminput: false },
  'completions.maxTokens': 128,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof RelaySettings)[];

/** Relay client options from settings, a key and an optional proxy (the glue adds VS Code's http.proxy). */
export function clientOptions(s: RelaySettings, apiKey: string | undefined, proxy?: RelayClientOptions['proxy']): RelayClientOptions {
  return {
    baseUrl: s.baseUrl,
    apiKey,
    headers: s.headers,
    fallbackModels: s.fallbackModels,
    models: s.models,
    connectTimeoutMs: s.connectTimeoutMs,
    headersTimeoutMs: s.headersTimeoutMs,
    idleTimeoutMs: s.idleTimeoutMs,
    requestTimeoutMs: s.requestTimeoutMs,
    maxRetries: s.maxRetries,
    caFile: s.caFile || undefined,
    proxy,
  };
}

/**
 * Settings that choose where requests go, what they carry or what they may cost. Declared as
 * `restrictedConfigurations` in package.json; in Restricted Mode only their user value applies.
 */
export const RESTRICTED_SETTINGS: readonly (keyof RelaySettings)[] = [
  'baseUrl',
  'headers',
  'caFile',
  'fallbackModels',
  'models',
  'systemPrompt',
  'model',
  'reviewModel',
  'chat.confirmAboveUsd',
  'review.confirmAboveUsd',
  'completions.enabled',
  'completions.model',
  'completions.api',
  'completions.languages',
];

/** Where a setting's value comes from. */
export type SettingSource = 'user' | 'workspace' | 'default';

/** What VS Code's `inspect()` reports for a setting (the parts we use). */
export interface InspectedSetting<T = unknown> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The value that applies and its source. A workspace (or folder) value wins only when the
 * workspace is trusted or the setting is not restricted; otherwise the user's value, else the default.
 */
export function effectiveSetting<T>(key: keyof RelaySettings, inspected: InspectedSetting<T> | undefined, trusted: boolean): { value: T | undefined; source: SettingSource } {
  const workspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (workspace !== undefined && (trusted || !RESTRICTED_SETTINGS.includes(key))) return { value: workspace, source: 'workspace' };
  if (inspected?.globalValue !== undefined) return { value: inspected.globalValue, source: 'user' };
  return { value: inspected?.defaultValue, source: 'default' };
}

/** The origin a key belongs to: scheme, host and port of the relay URL (`https://api.example.com`). */
export function originOf(baseUrl: string): string {
  try {
    const u = new URL(baseUrl.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  } catch {
    // not a URL: the text itself, so a broken setting never matches a stored key by accident
  }
  return baseUrl.trim();
}
