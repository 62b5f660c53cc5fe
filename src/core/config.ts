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
