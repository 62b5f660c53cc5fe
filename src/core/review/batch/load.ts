// The batch path reads planned files the way a live review does (loadPlanned: size, binary,
// secrets checked at read time) and keys them with the live cache key (reviewKey), so both paths
// share the cache and custom_ids follow content, diff, prompt version and model.
import type { ReviewCache } from '../cache';
import type { DiffFilter } from '../diff';
import { finalFindings } from '../engine';
import { reviewKey } from '../estimate';
import { loadPlanned } from '../plan';
import type { FileResult, LoadedFile, PlannedFile, ReviewPlan } from '../types';

export interface KeyedFile {
  file: PlannedFile;
  /** reviewKey() of its content (and diff) with the job's model. */
  key: string;
}

export interface KeyedPlan {
  /** Every readable planned file with its key (the job key is made of them). */
  files: KeyedFile[];
  /** Files whose findings the cache holds (fingerprinted and diff-filtered like a live review's). */
  cached: FileResult[];
  /** Files found unreviewable when read (binary, too large, a secret…). */
  skipped: FileResult[];
}

export interface KeyOptions {
  model: string;
  cache?: ReviewCache;
  filter?: DiffFilter;
}

/** Reads each planned file once, one at a time, for its key and a cache lookup; the text is dropped again. */
export async function keyPlan(plan: ReviewPlan, o: KeyOptions): Promise<KeyedPlan> {
  const out: KeyedPlan = { files: [], cached: [], skipped: [] };
  for (const file of plan.files) {
    const loaded = await loadPlanned(file, plan.maxFileBytes);
    if ('skip' in loaded) {
      out.skipped.push({ path: file.path, status: 'skipped', reason: loaded.skip, findings: [] });
      continue;
    }
    const key = reviewKey(loaded, o.model);
    out.files.push({ file, key });
    const hit = await o.cache?.get(key);
    if (hit) out.cached.push({ path: file.path, status: 'cached', findings: finalFindings(loaded, hit, o.filter) });
  }
  return out;
}

/** The planned file at `path` read again, when its content still has `key`. */
export async function reloadKeyed(plan: ReviewPlan | undefined, path: string, key: string, model: string): Promise<LoadedFile | null> {
  const file = plan?.files.find((f) => f.path === path);
  if (!file) return null;
  const loaded = await loadPlanned(file, plan?.maxFileBytes);
  return 'skip' in loaded || reviewKey(loaded, model) !== key ? null : loaded;
}
