// Shards: `--shard i/n` takes a deterministic share of the plan (by a hash of each path), so n CI
// jobs together review every file exactly once.
import { createHash } from 'node:crypto';
import type { ReviewPlan } from './types';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/4" -> { index: 2, count: 4 }; null when the text is not i/n with 1 <= i <= n. */
export function parseShard(text: string): Shard | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count && count <= 1000 ? { index, count } : null;
}

export function inShard(path: string, shard: Shard): boolean {
  const h = createHash('sha256').update(path).digest().readUInt32BE(0);
  return h % shard.count === shard.index - 1;
}

/** The shard's share of the plan: its planned files and its skipped ones (so each is reported once). */
export function shardPlan(plan: ReviewPlan, shard: Shard | undefined): ReviewPlan {
  if (!shard || shard.count === 1) return plan;
  return { ...plan, files: plan.files.filter((f) => inShard(f.path, shard)), skipped: plan.skipped.filter((f) => inShard(f.path, shard)) };
}

export function shardLabel(shard: Shard | undefined): string {
  return shard && shard.count > 1 ? `shard ${shard.index}/${shard.count}` : '';
}
