// The model picker's list (relay GET /models merged with configured models) and the
// first-run check (no key and a relay that is not on this machine).
import { mergeModels } from '../../core/chat/index';
import { isLoopback } from '../../core/setup/presets';
import type { ModelInfo } from '../../core/relay/types';
import type { FeatureContext } from '../context';

const LIST_TIMEOUT_MS = 10_000;

/** true for relays on this machine (Ollama, LM Studio, the simulator): they need no key. */
export const isLocalRelay = isLoopback;

export class ModelList {
  private remote: string[] = [];
  private infos = new Map<string, ModelInfo>();

  constructor(private readonly ctx: FeatureContext) {}

  /** The relay changed (base URL, key): its old list no longer applies. */
  forget(): void {
    this.remote = [];
    this.infos = new Map();
  }

  /** Asks the relay for its models; keeps the previous list when it cannot answer. */
  async refresh(): Promise<void> {
    try {
      const client = await this.ctx.relay();
      const listed = await client.listModels(AbortSignal.timeout(LIST_TIMEOUT_MS));
      this.remote = listed.map((m) => m.id);
      this.infos = new Map(listed.map((m) => [m.id, m]));
      this.ctx.setPublishedModels?.(listed);
    } catch (e) {
      this.ctx.output.debug(`chat: model list unavailable (${e instanceof Error ? e.name : 'error'})`);
    }
  }

  /** Configured models first, then the conversation's model, then the relay's. */
  merged(current: string): string[] {
    const s = this.ctx.settings();
    return mergeModels(this.remote, s, [current]);
  }

  /** What the relay said about each of its models (pricing, context window), by id. */
  remoteInfo(): ReadonlyMap<string, ModelInfo> {
    return this.infos;
  }

  async needsWelcome(): Promise<boolean> {
    if (isLocalRelay(this.ctx.settings().baseUrl)) return false;
    return !(await this.ctx.apiKey().catch(() => undefined));
  }
}
