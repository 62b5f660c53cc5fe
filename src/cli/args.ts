// Command-line parsing shared by the CLI commands: the relay options every command takes
// (--base-url, --api-key, --model, timeouts, retries, headers), number checks and usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_SETTINGS } from '../core/config';
import { memoryRuleStore } from '../core/relay/learn';
import type { ModelOverride, ReasoningEffort, RelayClientOptions } from '../core/relay/types';

/** A mistake in the command line: the command prints it and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** Something went wrong on our side or in the environment (an unwritable --output, a crash). */
export const EXIT_INTERNAL = 4;

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The relay options of every command, in node:util parseArgs form. Spread them into a command's own options. */
export const RELAY_OPTION_SPECS = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  model: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'idle-timeout-ms': { type: 'string' },
  retries: { type: 'string' },
  header: { type: 'string', multiple: true },
  'reasoning-effort': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** Help text for the relay options (for a command's --help). */
export function relayOptionsHelp(defaultModel: string = DEFAULT_SETTINGS.model): string {
  return [
    'Relay options:',
    `  --base-url URL         relay base URL (env RELAY_BASE_URL; default ${DEFAULT_SETTINGS.baseUrl})`,
    '  --api-key KEY          API key (env RELAY_API_KEY; prefer the env variable: arguments show in `ps`).',
    '                         No key: no Authorization header (local servers). Never printed.',
    `  --model ID             model id or alias (default ${defaultModel})`,
    '  --timeout-ms N         limit for connecting and for the response headers; with --no-stream',
    `                         also the whole request (defaults: connect ${DEFAULT_SETTINGS.connectTimeoutMs},`,
    `                         headers ${DEFAULT_SETTINGS.headersTimeoutMs}, whole request ${DEFAULT_SETTINGS.requestTimeoutMs})`,
    `  --idle-timeout-ms N    longest gap between streamed chunks (default ${DEFAULT_SETTINGS.idleTimeoutMs})`,
    `  --retries N            retries of a failed request, 0 for none (default ${DEFAULT_SETTINGS.maxRetries})`,
    '  --header "Name: value" extra request header (repeatable)',
    `  --reasoning-effort L   reasoning models: ${REASONING_EFFORTS.join(', ')} (sent only when given)`,
    '  -h, --help             this help',
  ].join('\n');
}

export interface Parsed<V> {
  values: V;
  positionals: string[];
}

/** node:util parseArgs in strict mode; its complaints become UsageErrors. */
export function parseCommandLine<O extends OptionSpecs>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(firstLine((e as Error).message));
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A numeric option value, checked against the rule; undefined when the option is absent. */
export function numberOption(name: string, raw: string | undefined, rule: NumberRule = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? NaN : Number(raw);
  const kind = rule.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) throw new UsageError(`--${name} must be ${kind}, got "${raw}"`);
  if (rule.min !== undefined && value < rule.min) throw new UsageError(`--${name} must be at least ${rule.min}, got ${value}`);
  if (rule.max !== undefined && value > rule.max) throw new UsageError(`--${name} must be at most ${rule.max}, got ${value}`);
  return value;
}

/** `--header "Name: value"` lines as a record; a malformed line is a UsageError. */
export function parseHeaders(lines: string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError('--header must look like "Name: value"');
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The key as far as it is known even when the command line is broken (for redaction only). */
export function apiKeyOf(argv: string[], env: Record<string, string | undefined>): string | undefined {
  const i = argv.indexOf('--api-key');
  const inline = argv.find((a) => a.startsWith('--api-key='));
  return (i >= 0 ? argv[i + 1] : inline?.slice('--api-key='.length)) ?? env.RELAY_API_KEY;
}

function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError('--base-url is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url must be http:// or https://, got "${url.protocol}"`);
  return raw.replace(/\/+$/, '');
}

/** The relay settings a command got from its arguments and environment. */
export interface RelayCliOptions {
  baseUrl: string;
  /** undefined: no key (no Authorization header). */
  apiKey: string | undefined;
  model: string;
  timeoutMs: number | undefined;
  idleTimeoutMs: number | undefined;
  retries: number | undefined;
  headers: Record<string, string>;
  /** --reasoning-effort; undefined: not sent. */
  reasoningEffort?: ReasoningEffort;
}

type RelayValues = Partial<Record<'base-url' | 'api-key' | 'model' | 'timeout-ms' | 'idle-timeout-ms' | 'retries' | 'reasoning-effort', string>> & { header?: string[] };

function effortOption(raw: string | undefined): ReasoningEffort | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if ((REASONING_EFFORTS as readonly string[]).includes(value)) return value as ReasoningEffort;
  throw new UsageError(`--reasoning-effort must be one of ${REASONING_EFFORTS.join(', ')}, got "${raw}"`);
}

/** --price IN/OUT[/CACHED[/WRITE]], USD per million tokens. */
export interface PriceOption {
  input: number;
  output: number;
  cachedInput?: number;
  cacheWrite?: number;
}

/** Parses --price IN/OUT[/CACHED[/WRITE]] (USD per million input / output / cached input / cache-write tokens). */
export function priceOption(raw: string | undefined): PriceOption | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split('/').map((p) => p.trim());
  const numbers = parts.map((p) => (/^[0-9]*\.?[0-9]+$/.test(p) ? Number(p) : NaN));
  if (parts.length < 2 || parts.length > 4 || numbers.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--price must look like IN/OUT[/CACHED[/WRITE]] in USD per million tokens (e.g. 1.25/10/0.125), got "${raw}"`);
  }
  const [input, output, cachedInput, cacheWrite] = numbers;
  return { input, output, ...(cachedInput !== undefined ? { cachedInput } : {}), ...(cacheWrite !== undefined ? { cacheWrite } : {}) };
}

/** The per-model settings the command line gives (--price, --reasoning-effort) for its model; undefined when none. */
export function modelOverridesOf(model: string, price: PriceOption | undefined, reasoningEffort: ReasoningEffort | undefined): Record<string, ModelOverride> | undefined {
  const o: ModelOverride = {};
  if (price) {
    o.inputPrice = price.input;
    o.outputPrice = price.output;
    if (price.cachedInput !== undefined) o.cachedInputPrice = price.cachedInput;
    if (price.cacheWrite !== undefined) o.cacheWritePrice = price.cacheWrite;
  }
  if (reasoningEffort) o.reasoningEffort = reasoningEffort;
  return Object.keys(o).length > 0 ? { [model]: o } : undefined;
}

/** Reads the relay options (arguments win over RELAY_BASE_URL / RELAY_API_KEY). Throws UsageError. */
export function relayOptionsFrom(values: RelayValues, env: Record<string, string | undefined>, defaultModel: string = DEFAULT_SETTINGS.model): RelayCliOptions {
  const model = (values.model ?? defaultModel).trim();
  if (!model) throw new UsageError('--model must not be empty');
  return {
    baseUrl: checkBaseUrl(values['base-url'] ?? (env.RELAY_BASE_URL || DEFAULT_SETTINGS.baseUrl)),
    apiKey: (values['api-key'] ?? env.RELAY_API_KEY) || undefined,
    model,
    timeoutMs: numberOption('timeout-ms', values['timeout-ms'], { min: 1, integer: true }),
    idleTimeoutMs: numberOption('idle-timeout-ms', values['idle-timeout-ms'], { min: 1, integer: true }),
    retries: numberOption('retries', values.retries, { min: 0, max: 100, integer: true }),
    headers: parseHeaders(values.header),
    reasoningEffort: effortOption(values['reasoning-effort']),
  };
}

/** Rules learned from the relay's answers last for the process (one store for every client the CLI makes). */
const CLI_RULES = memoryRuleStore();

/**
 * Relay client options from the CLI's relay options. --timeout-ms bounds connecting, waiting
 * for response headers and (non-streaming) the whole request. Proxies come from the environment.
 */
export function toClientOptions(o: RelayCliOptions, env: Record<string, string | undefined>): RelayClientOptions {
  const t = o.timeoutMs;
  const options: RelayClientOptions = { baseUrl: o.baseUrl, apiKey: o.apiKey, headers: o.headers, fallbackModels: [], env, rules: CLI_RULES };
  const models = modelOverridesOf(o.model, undefined, o.reasoningEffort);
  if (models) options.models = models;
  if (t !== undefined) {
    options.connectTimeoutMs = Math.min(t, DEFAULT_SETTINGS.connectTimeoutMs);
    options.headersTimeoutMs = t;
    options.requestTimeoutMs = t;
  }
  if (o.idleTimeoutMs !== undefined) options.idleTimeoutMs = o.idleTimeoutMs;
  if (o.retries !== undefined) options.maxRetries = o.retries;
  return options;
}
