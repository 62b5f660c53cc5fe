// The relays "Choose relay" offers: hosted OpenAI-compatible relays (a key each) and local servers
// on their default ports (no key). One table; the picker, the detection and the tests read it.
import { DEFAULT_SETTINGS, originOf } from '../config';

export interface RelayPreset {
  id: string;
  label: string;
  /** Base URL as the relay documents it (the part before /chat/completions). */
  baseUrl: string;
  /** false for local servers: they take no key. */
  needsKey: boolean;
  /** Local servers: the port they listen on by default (detected on 127.0.0.1 / localhost). */
  port?: number;
  /** Where the user gets a key (hosted relays), shown in the key box. */
  keyHint?: string;
  /** How to start a local server, said when its port is closed. */
  startHint?: string;
}

export const RELAY_PRESETS: readonly RelayPreset[] = [
  { id: 'holysheep', label: 'HolySheep', baseUrl: DEFAULT_SETTINGS.baseUrl, needsKey: true, keyHint: 'the key from your HolySheep dashboard' },
  { id: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true, keyHint: 'an OpenRouter key (openrouter.ai/keys)' },
  { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true, keyHint: 'an OpenAI API key (platform.openai.com/api-keys)' },
  { id: 'deepseek', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', needsKey: true, keyHint: 'a DeepSeek API key (platform.deepseek.com)' },
  { id: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', needsKey: true, keyHint: 'a Groq API key (console.groq.com/keys)' },
  { id: 'together', label: 'Together AI', baseUrl: 'https://api.together.xyz/v1', needsKey: true, keyHint: 'a Together API key (api.together.ai)' },
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', needsKey: false, port: 11434, startHint: 'run `ollama serve`' },
  { id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', needsKey: false, port: 1234, startHint: 'start the server in LM Studio (Developer → Start Server)' },
  { id: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', needsKey: false, port: 8000, startHint: 'run `vllm serve <model>`' },
  { id: 'llamacpp', label: 'llama.cpp', baseUrl: 'http://localhost:8080/v1', needsKey: false, port: 8080, startHint: 'run `llama-server -m <model.gguf>`' },
];

/** The preset a base URL belongs to (same origin), if any. */
export function presetFor(baseUrl: string): RelayPreset | undefined {
  const origin = originOf(baseUrl);
  return RELAY_PRESETS.find((p) => originOf(p.baseUrl) === origin || (p.port !== undefined && isLoopback(baseUrl) && portOf(baseUrl) === p.port));
}

/** true for URLs on this machine (localhost, 127.x, ::1): no key is needed and none is asked for. */
export function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host === '0.0.0.0' || /^127\./.test(host) || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

function portOf(baseUrl: string): number | undefined {
  try {
    const u = new URL(baseUrl);
    return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  } catch {
    return undefined;
  }
}

/** A typed URL made usable: trimmed, no trailing slash, no /chat/completions (people paste the whole endpoint). */
export function normalizeBaseUrl(input: string): string {
  return input.trim().replace(/\/+$/, '').replace(/\/(chat\/)?completions$/, '').replace(/\/models$/, '');
}

/** Why a typed base URL cannot be used, or undefined when it can. */
export function baseUrlProblem(input: string): string | undefined {
  try {
    const u = new URL(input.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'The base URL must start with http:// or https://.';
    if (u.username || u.password) return 'Leave the key out of the URL: you are asked for it next, and it is kept in Secret Storage.';
    return undefined;
  } catch {
    return 'Type a URL such as https://relay.example.com/v1 or http://localhost:11434/v1.';
  }
}
