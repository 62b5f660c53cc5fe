// Findings cache: one JSON file per (content hash, prompt version, model) in a directory
// the caller owns (CLI --cache DIR; the extension's global storage — never the workspace).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveModel } from '../relay';
import { sha256 } from './plan';
import { PROMPT_VERSION } from './prompt';
import type { Finding } from './types';

export interface ReviewCache {
  get(key: string): Promise<Finding[] | undefined>;
  /** `costUsd`: what the review cost (a later hit reports it as saved). */
  set(key: string, findings: Finding[], costUsd?: number): Promise<void>;
  /** The entry with its recorded cost (caches that keep one). */
  lookup?(key: string): Promise<CachedReview | undefined>;
  clear(): Promise<void>;
}

export interface CachedReview {
  findings: Finding[];
  costUsd?: number;
}

/**
 * The cache key of a file's review: its content, the prompt version, the (resolved) model and the
 * relay origin (switching relays never returns another relay's findings as cached). The engine
 * calls it without an origin; a DirectoryCache made for one relay adds its origin (relayScoped).
 */
export function cacheKey(contentHash: string, model: string, relayOrigin = ''): string {
  const key = sha256(`${contentHash}\u0000${PROMPT_VERSION}\u0000${resolveModel(model)}`);
  return relayScoped(key, relayOrigin);
}

/** `key` bound to one relay origin ('' = unbound, as before origins were part of the key). */
export function relayScoped(key: string, relayOrigin: string): string {
  return relayOrigin ? sha256(`${key}\u0000${relayOrigin}`) : key;
}

interface CacheEntry {
  version: 1;
  findings: Finding[];
  costUsd?: number;
}

function isEntry(x: unknown): x is CacheEntry {
  return !!x && typeof x === 'object' && (x as CacheEntry).version === 1 && Array.isArray((x as CacheEntry).findings);
}

export class DirectoryCache implements ReviewCache {
  /** `relayOrigin`: the relay this cache answers for (its entries are keyed by it too). */
  constructor(readonly dir: string, readonly relayOrigin = '') {}

  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('invalid cache key');
    return join(this.dir, `${relayScoped(key, this.relayOrigin)}.json`);
  }

  async get(key: string): Promise<Finding[] | undefined> {
    return (await this.lookup(key))?.findings;
  }

  async lookup(key: string): Promise<CachedReview | undefined> {
    try {
      const entry: unknown = JSON.parse(await readFile(this.file(key), 'utf8'));
      if (!isEntry(entry)) return undefined;
      return typeof entry.costUsd === 'number' ? { findings: entry.findings, costUsd: entry.costUsd } : { findings: entry.findings };
    } catch {
      return undefined;
    }
  }

  /** Written to a temporary name first, then renamed: a crash never leaves half an entry. */
  async set(key: string, findings: Finding[], costUsd?: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(key);
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const entry: CacheEntry = { version: 1, findings, ...(costUsd ? { costUsd } : {}) };
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, target);
  }

  /** Removes this cache's entries only (the directory may hold other things). */
  async clear(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    const ours = names.filter((n) => /^[0-9a-f]{64}\.json(\..*\.tmp)?$/.test(n));
    await Promise.all(ours.map((n) => rm(join(this.dir, n), { force: true })));
  }
}

export class MemoryCache implements ReviewCache {
  private readonly entries = new Map<string, CachedReview>();
  async get(key: string): Promise<Finding[] | undefined> {
    return this.entries.get(key)?.findings;
  }
  async lookup(key: string): Promise<CachedReview | undefined> {
    return this.entries.get(key);
  }
  async set(key: string, findings: Finding[], costUsd?: number): Promise<void> {
    this.entries.set(key, costUsd ? { findings, costUsd } : { findings });
  }
  async clear(): Promise<void> {
    this.entries.clear();
  }
}
