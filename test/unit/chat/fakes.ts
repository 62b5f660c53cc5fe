// Test doubles for the chat host: an in-memory workspaceState and a FeatureContext over a
// real relay client talking to the simulator on a loopback socket.
import { DEFAULT_SETTINGS, type RelaySettings } from '../../../src/core/config';
import type { KeyValueStore } from '../../../src/core/chat/store';
import { createRelayClient } from '../../../src/core/relay/index';
import type { RelayClient } from '../../../src/core/relay/types';
import type { FeatureContext } from '../../../src/features/context';
import type { HostToWebview } from '../../../src/protocol';

export class MemoryState implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

export interface FakeHost {
  ctx: FeatureContext;
  client: RelayClient;
  costs: (number | null)[];
  logs: string[];
  settings: RelaySettings;
  /** Models the chat put in the status bar, in order. */
  statusModels: string[];
}

export function fakeHost(baseUrl: string, apiKey?: string, settings: Partial<RelaySettings> = {}): FakeHost {
  const client = createRelayClient({ baseUrl, apiKey, maxRetries: 0, retryBaseMs: 1 });
  const costs: (number | null)[] = [];
  const statusModels: string[] = [];
  const logs: string[] = [];
  const log = (m: string) => void logs.push(m);
  const all: RelaySettings = { ...DEFAULT_SETTINGS, baseUrl, ...settings };
  const ctx: FeatureContext = {
    extension: undefined as never,
    output: { info: log, warn: log, error: log, debug: log, trace: log, show: () => undefined } as unknown as FeatureContext['output'],
    settings: () => all,
    relay: async () => client,
    apiKey: async () => apiKey,
    addCost: (usd) => void costs.push(usd),
    setStatusModel: (model) => void statusModels.push(model),
    showError: () => undefined,
  };
  return { ctx, client, costs, statusModels, logs, settings: all };
}

/** Records what the host posts and lets a test wait for a message without sleeping. */
export class PostLog {
  readonly events: HostToWebview[] = [];
  private waiters: { match: (m: HostToWebview) => boolean; resolve: (m: HostToWebview) => void }[] = [];

  readonly post = (m: HostToWebview): void => {
    this.events.push(m);
    for (const w of [...this.waiters]) {
      if (!w.match(m)) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(m);
    }
  };

  /** The next message (from now on) that matches. */
  next<T extends HostToWebview['type']>(type: T, match: (m: Extract<HostToWebview, { type: T }>) => boolean = () => true): Promise<Extract<HostToWebview, { type: T }>> {
    return new Promise((resolve) =>
      this.waiters.push({ match: (m) => m.type === type && match(m as Extract<HostToWebview, { type: T }>), resolve: resolve as (m: HostToWebview) => void }),
    );
  }

  of<T extends HostToWebview['type']>(type: T): Extract<HostToWebview, { type: T }>[] {
    return this.events.filter((m) => m.type === type) as Extract<HostToWebview, { type: T }>[];
  }
}
