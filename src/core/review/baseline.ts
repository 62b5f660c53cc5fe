// A baseline: the findings of an earlier run (its JSON or SARIF report), known by path and
// fingerprint. Fingerprints hash the category, the flagged line's text and its occurrence, so a
// finding whose line only moved is still "unchanged".
import { FINGERPRINT_KEY } from './fingerprint';
import type { Finding } from './types';

export interface Baseline {
  has(path: string, f: Finding): boolean;
  /** Findings it holds. */
  readonly size: number;
}

export class BaselineError extends Error {}

interface SarifLike {
  runs?: { results?: { partialFingerprints?: Record<string, string>; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[];
}

interface JsonLike {
  files?: { path?: string; findings?: { fingerprint?: string | null }[] }[];
}

const keyOf = (path: string, fingerprint: string) => `${path}\u0000${fingerprint}`;

function fromSarif(log: SarifLike): string[] {
  const keys: string[] = [];
  for (const run of log.runs ?? []) {
    for (const r of run.results ?? []) {
      const fp = r.partialFingerprints?.[FINGERPRINT_KEY];
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
      if (fp && uri) keys.push(keyOf(uri.split('/').map(decodeURIComponent).join('/'), fp));
    }
  }
  return keys;
}

function fromJson(report: JsonLike): string[] {
  const keys: string[] = [];
  for (const f of report.files ?? []) {
    for (const x of f.findings ?? []) if (f.path && x.fingerprint) keys.push(keyOf(f.path, x.fingerprint));
  }
  return keys;
}

/** A baseline from the text of a JSON report or a SARIF log (told apart by their shape). */
export function parseBaseline(text: string, name = 'the baseline'): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${name} is not JSON (${(e as Error).message})`);
  }
  if (!value || typeof value !== 'object') throw new BaselineError(`${name} is neither a JSON review report nor a SARIF log`);
  const o = value as SarifLike & JsonLike;
  if (!Array.isArray(o.runs) && !Array.isArray(o.files)) throw new BaselineError(`${name} is neither a JSON review report (files[]) nor a SARIF log (runs[])`);
  const keys = new Set(Array.isArray(o.runs) ? fromSarif(o) : fromJson(o));
  return { has: (path, f) => !!f.fingerprint && keys.has(keyOf(path, f.fingerprint)), size: keys.size };
}
