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

export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** An image sent with a user turn (vision models), as base64 data. */
export interface ImagePart {
  mimeType: string;
  /** base64, no data: prefix */
  data: string;
}

export interface ChatMessage {
  role: Role;
  content: string;
  /** user: images, sent as image_url data URIs. */
  images?: ImagePart[];
  /** assistant: the tool calls this turn made. */
  toolCalls?: ToolCall[];
  /** tool: the id of the call this message answers. */
  toolCallId?: string;
  /** assistant: reasoning sent back with a tool-call turn (DeepSeek's `reasoning_content`). */
  reasoning?: string;
}

/** A function the model may call (chat completions `tools[].function`). */
export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: object;
}

export type ToolChoice = 'auto' | 'required' | 'none' | { name: string };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** The wire a chat request went over. */
export type WireApi = 'chat' | 'responses';

/**
 * Token counts of one answer. promptTokens counts every input token (cached reads and cache writes
 * included); completionTokens every output token (reasoning included). Never a token counted twice:
 * cachedPromptTokens + cacheWriteTokens <= promptTokens, reasoningTokens <= completionTokens.
 */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
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
  /** Output budget; sent as max_tokens / max_completion_tokens / max_output_tokens per the model's rules. */
  maxTokens?: number;
  /** Requests that need a bounded answer (review, Refactor): without maxTokens, a budget from the model table is sent. */
  boundedOutput?: boolean;
  /** Sent only to models that accept it. */
  temperature?: number;
  /** Sent only when set (request, else the model's setting). */
  reasoningEffort?: ReasoningEffort;
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
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
  /** The wire the answer came over. */
  api: WireApi;
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
  /** Largest answer the model gives (tokens). */
  maxOutputTokens?: number;
  inputPrice?: number;
  outputPrice?: number;
  /** Price of cached input tokens (cache reads). */
  cachedInputPrice?: number;
  /** Price of input tokens written to the cache. */
  cacheWritePrice?: number;
  /** Which wire: chat completions, or the Responses API. */
  api?: WireApi;
  /** OpenAI reasoning-model parameter rules (max_completion_tokens, no temperature). */
  reasoning?: boolean;
  reasoningEffort?: ReasoningEffort;
  /** Claude-style cache_control marks on the system prompt and last user turn. */
  promptCache?: boolean;
  toolCalling?: boolean;
  vision?: boolean;
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
  /** Learned parameter / wire rules, keyed by relay origin + model (in memory when absent). */
  rules?: RuleStore;
  /** Uniform [0, 1) source for retry jitter (defaults to Math.random; injectable for tests). */
  random?: () => number;
}

export interface ModelInfo {
  id: string;
  ownedBy?: string;
  /** Prices the relay publishes (OpenRouter's `pricing`), USD per million tokens. */
  pricing?: { input: number; output: number; cachedInput?: number; cacheWrite?: number };
  contextWindow?: number;
}

/**
 * Where learned rules live: in memory for the CLI, in the extension's globalState across reloads
 * (the shape of vscode.Memento's get/update). Keys are chosen by the client (relay origin + model).
 */
export interface RuleStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): void | PromiseLike<void>;
}

/** The completions / infill wires (inline completions). */
export type CompletionApi = 'fim' | 'codestral' | 'infill' | 'template';

export interface CompletionRequest {
  model: string;
  /** fim: POST /completions {prompt, suffix}; codestral: POST /fim/completions; infill: llama.cpp POST /infill; template: POST /completions with a raw prompt. */
  api: CompletionApi;
  /** Text before the cursor (template: the whole raw prompt; infill: input_prefix). */
  prompt: string;
  /** Text after the cursor (not for template). */
  suffix?: string;
  /** infill: input_extra snippets. */
  extra?: { filename: string; text: string }[];
  maxTokens: number;
  temperature?: number;
  stop?: string[];
  stream: boolean;
  signal?: AbortSignal;
  /** Streaming only: each text increment, in order. */
  onDelta?: (text: string) => void;
  /** Default 0: a completion that fails is not worth a wait. */
  maxRetries?: number;
}

export interface CompletionResult {
  text: string;
  finishReason: string | null;
  usage: Usage | null;
  model: string;
  api: CompletionApi;
  attempts: number;
  ttftMs: number | null;
  durationMs: number;
  costUsd: number | null;
  costEstimated: boolean;
}

export interface RelayClient {
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Inline completions over the completions / infill wires. */
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** GET {baseUrl}/models; [] when the relay has no such endpoint. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Closes the dispatcher and its sockets. */
  close(): Promise<void>;
}
