// The batch job record: written to the cache folder the moment a batch is created, so a killed
// run, a cancelled CI job or a reboot picks the same batch up again instead of paying twice.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveModel, type BatchStatus } from '../../relay';
import { sha256 } from '../plan';
import { PROMPT_VERSION } from '../prompt';
import type { RequestRef } from './requests';

export interface BatchRef {
  /** null while the batch is being created (the input file is uploaded). */
  id: string | null;
  inputFileId: string;
  /** 1: the first submission; 2: the one retry of failed or expired lines. */
  round: 1 | 2;
  status: BatchStatus | 'submitting';
  /** Unix seconds. */
  expiresAt: number | null;
  customIds: string[];
  createdAt: number;
}

export interface JobRecord {
  version: 1;
  /** Derived from the relay, the model, the prompt version and the planned files. */
  job: string;
  baseUrl: string;
  model: string;
  createdAt: number;
  requests: Record<string, RequestRef>;
  batches: BatchRef[];
}

/** The job key: the same arguments over the same files give the same key. */
export function jobKeyOf(baseUrl: string, model: string, files: { path: string; hash: string }[]): string {
  const list = files.map((f) => `${f.path}\u0000${f.hash}`).sort();
  return sha256(JSON.stringify([baseUrl.replace(/\/+$/, ''), resolveModel(model), PROMPT_VERSION, list]));
}

function isRecord(x: unknown): x is JobRecord {
  const r = x as JobRecord;
  return !!r && typeof r === 'object' && r.version === 1 && typeof r.job === 'string' && Array.isArray(r.batches) && !!r.requests && typeof r.requests === 'object';
}

/** Job records as `batch-<key>.json` in a folder (the review cache folder; its clear() leaves them alone). */
export class JobStore {
  constructor(readonly dir: string) {}

  private file(job: string): string {
    if (!/^[0-9a-f]{64}$/.test(job)) throw new Error('invalid batch job key');
    return join(this.dir, `batch-${job}.json`);
  }

  async load(job: string): Promise<JobRecord | undefined> {
    try {
      const r: unknown = JSON.parse(await readFile(this.file(job), 'utf8'));
      return isRecord(r) && r.job === job ? r : undefined;
    } catch {
      return undefined;
    }
  }

  /** Written to a temporary name, then renamed: a kill never leaves half a record. */
  async save(r: JobRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(r.job);
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, JSON.stringify(r));
    await rename(temp, target);
  }

  async remove(job: string): Promise<void> {
    await rm(this.file(job), { force: true });
  }

  /** Every record in the folder. */
  async all(): Promise<JobRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const keys = names.map((n) => /^batch-([0-9a-f]{64})\.json$/.exec(n)?.[1]).filter((k): k is string => !!k);
    const records = await Promise.all(keys.map((k) => this.load(k)));
    return records.filter((r): r is JobRecord => !!r);
  }
}
