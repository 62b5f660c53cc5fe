// The public contract of the relay client. Everything that talks to a relay
// (extension features, CLI, review engine, benchmarks) depends on these types only.
import type { RateLimitInfo } from './ratelimit';

export type ErrorKind =
  | 'auth'
  | 'rate_limit'
  | 'bad_request'
  | 'not_found'
  | 'context_length'
  | 'server'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'stream_interrupted'
  | 'protocol'
  | 'cancelled';

export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: Role;
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ToolCall {
  index: number;
  id: string;
  type: string;
  name: string;
  arguments: string;
}

/** One visible increment of a streaming answer. */
export interface Delta {
  content?: string;
  reasoning?: string;
}

export interface ChatRequest {
  /** Model id or alias (aliases are resolved by the client). */
  model: string;
  messages: ChatMessage[];
  /** true: SSE streaming; false: the non-streaming path. */
  stream: boolean;
  maxTokens?: number;
  temperature?: number;
  /** Aborting closes the socket and rejects with kind `cancelled` (partial text kept). */
  signal?: AbortSignal;
  /** Streaming only: called once per visible increment, in order. */
  onDelta?: (delta: Delta) => void;
  /** Called before each retry wait (for status lines / countdowns). */
  onRetry?: (info: RetryInfo) => void;
  /** Per-call override of the client's fallback chain ([] disables fallback). */
  fallbackModels?: string[];
  /** Per-call override of the client's retry count. */
  maxRetries?: number;
}

export interface RetryInfo {
  attempt: number; // the attempt that failed, 1-based
  delayMs: number; // how long the client now waits
  error: RelayErrorInfo;
  model: string;
}

export interface ChatResult {
  text: string;
  reasoning: string | null;
  finishReason: string | null;
  usage: Usage | null;
  toolCalls: ToolCall[];
  /** The model that actually answered (after alias resolution and fallback). */
  model: string;
  /** HTTP attempts made in total, over all models tried. */
  attempts: number;
  /** Streaming: ms from the call to the first visible token; null otherwise / when none came. */
  ttftMs: number | null;
  durationMs: number;
  costUsd: number | null;
  /** true when usage was missing and the cost was estimated from characters. */
  costEstimated: boolean;
  /** Non-streaming: the relay's x-ratelimit-* headers, when it sent any. */
  rateLimit?: RateLimitInfo | null;
}

export interface RelayErrorInfo {
  kind: ErrorKind;
  status: number | null;
  retryable: boolean;
  retryAfterMs: number | null;
  message: string;
  /** Machine-readable `type` / `code` from the relay's error object, when present. */
  code: string | null;
}

/** Per-model overrides (settings `relayAssistant.models`). Prices in USD per million tokens. */
export interface ModelOverride {
  contextWindow?: number;
  inputPrice?: number;
  outputPrice?: number;
  /** false: never send stream_options (relays that reject it). */
  streamOptions?: boolean;
  /** Share of the price paid through the relay's batch API (default 0.5: half price). */
  batchPriceFactor?: number;
}

export interface ProxyOptions {
  /** Explicit proxy URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from env apply. */
  url?: string;
  /** false: accept any TLS certificate from the relay (VS Code's http.proxyStrictSSL). */
  strictSSL?: boolean;
}

export interface RelayClientOptions {
  baseUrl: string;
  /** Never logged, never part of an error message. Omitted header when empty. */
  apiKey?: string;
  headers?: Record<string, string>;
  fallbackModels?: string[];
  models?: Record<string, ModelOverride>;
  connectTimeoutMs?: number; // default 15_000
  headersTimeoutMs?: number; // default 60_000
  idleTimeoutMs?: number; // default 60_000
  requestTimeoutMs?: number; // default 120_000 (non-streaming whole request)
  maxRetries?: number; // default 3
  retryBaseMs?: number; // default 500
  maxRetryWaitMs?: number; // default 60_000
  maxConnections?: number; // default 32
  proxy?: ProxyOptions;
  /** PEM file with extra certificate authorities. */
  caFile?: string;
  /** Environment for proxy lookup (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** Largest response body accepted (default 32 MiB); a larger one is cut off as kind `protocol`, keeping the text shown. */
  maxResponseBytes?: number;
  /** Uniform [0, 1) source for retry jitter (defaults to Math.random; injectable for tests). */
  random?: () => number;
}

export interface ModelInfo {
  id: string;
  ownedBy?: string;
}

export interface RelayClient {
  chat(request: ChatRequest): Promise<ChatResult>;
  /** GET {baseUrl}/models; [] when the relay has no such endpoint. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Closes the dispatcher and its sockets. */
  close(): Promise<void>;
}
