// Backend choice: the setting, or `auto` from the model id (FIM families, Codestral, chat-only
// families); a backend the relay refused (400/404) is remembered per relay origin and model in the
// client's rule store, and the next candidate is tried.
import type { RuleStore } from '../relay/types';
import { familyOf } from './templates';

export type Backend = 'fim' | 'codestral' | 'infill' | 'template' | 'chat';
export type ApiSetting = 'auto' | 'fim' | 'infill' | 'template' | 'chat';

/** Models that only answer chat completions (no /completions with suffix). */
const CHAT_ONLY = /^(?:openai\/)?(?:gpt-|o\d|chatgpt)|claude|gemini|grok|llama-?[34]|mistral-(?:large|medium|small)|kimi|glm|minimax/i;

/** The backends to try, in order. */
export function candidates(model: string, api: ApiSetting): Backend[] {
  if (api === 'fim') return /codestral/i.test(model) ? ['codestral', 'fim'] : ['fim'];
  if (api !== 'auto') return [api];
  if (/codestral/i.test(model)) return ['codestral', 'fim', 'template', 'chat'];
  if (familyOf(model)) return ['fim', 'template', 'infill', 'chat'];
  if (/deepseek/i.test(model)) return ['fim', 'chat'];
  if (CHAT_ONLY.test(model)) return ['chat'];
  return ['fim', 'chat'];
}

/** A refusal that says "not this wire" (not an outage): 400, 404, 405, 422, 501. */
export function refusesWire(e: unknown): boolean {
  const status = (e as { status?: unknown } | null)?.status;
  return status === 400 || status === 404 || status === 405 || status === 422 || status === 501;
}

const KEY = 'complete.failedBackends';

/** Backends a relay refused, per origin and model (in the rule store when given, else in memory). */
export class BackendMemory {
  private readonly memory = new Map<string, Backend[]>();

  constructor(private readonly store?: RuleStore) {}

  private all(): Record<string, Backend[]> {
    return this.store?.get<Record<string, Backend[]>>(KEY) ?? Object.fromEntries(this.memory);
  }

  failed(origin: string, model: string): Backend[] {
    return this.all()[`${origin}|${model}`] ?? [];
  }

  remember(origin: string, model: string, backend: Backend): void {
    const key = `${origin}|${model}`;
    const list = [...new Set([...this.failed(origin, model), backend])];
    if (this.store) void this.store.update(KEY, { ...this.all(), [key]: list });
    else this.memory.set(key, list);
  }

  /** The candidates not refused before; the last one stays when all were (better a try than nothing). */
  usable(origin: string, model: string, list: Backend[]): Backend[] {
    const failed = this.failed(origin, model);
    const left = list.filter((b) => !failed.includes(b));
    return left.length ? left : list.slice(-1);
  }
}
