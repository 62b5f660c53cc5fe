// The file plan: which candidate files are reviewed and why the others are skipped. Planning
// only lists; a file's bytes are read when it is sent (loadPlanned), then checked for binary
// content, size, emptiness and secrets.
import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import ignore, { type Ignore } from 'ignore';
import { describeSecret, findSecrets } from '../secrets';
import type { FileResult, FileSource, LoadedFile, PlannedFile, ReviewPlan, SourceEntry } from './types';
import { pathSkipReason } from './skipRules';
import { languageOf } from './language';
import { ignoresFile } from './suppress';

export interface PlanOptions {
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  /** Honour .gitignore files found in the listing (default true; sources that applied them already are not re-checked). */
  gitignore?: boolean;
}

export const DEFAULT_MAX_FILE_BYTES = 300_000;
const SNIFF_BYTES = 8000;

function byPath<T extends { path: string }>(a: T, b: T): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Plans a review over everything the source lists, without reading file contents. Results are sorted by path. */
export async function planFiles(source: FileSource, opts: PlanOptions = {}): Promise<ReviewPlan> {
  const entries = await source.list();
  const ignored = opts.gitignore === false || source.ignoresApplied ? () => false : await gitignoreMatcher(source, entries);
  const included = matcher(opts.include?.length ? opts.include : ['**/*']);
  const excluded = matcher(opts.exclude ?? []);
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: PlannedFile[] = [];
  const skipped: FileResult[] = [];
  const skip = (path: string, reason: string) => skipped.push({ path, status: 'skipped', reason, findings: [] });

  for (const entry of [...entries].sort(byPath)) {
    const path = entry.path;
    if (entry.dir) {
      skip(`${path}/`, entry.skip ?? 'vendored folder');
      continue;
    }
    if (!included(path)) continue;
    if (entry.skip) skip(path, entry.skip);
    else if (excluded(path)) skip(path, 'excluded by pattern');
    else if (ignored(path)) skip(path, 'ignored by .gitignore');
    else {
      const reason = pathSkipReason(path) ?? (entry.size !== undefined && entry.size > maxBytes ? sizeReason(entry.size, maxBytes) : null);
      if (reason) skip(path, reason);
      else files.push({ path, language: languageOf(path), size: entry.size, read: () => source.read(path), diff: source.diffOf?.(path) });
    }
  }
  return { files, skipped, maxFileBytes: maxBytes };
}

/**
 * Reads a planned file and checks its content: a LoadedFile, or why it is skipped after all
 * (unreadable, too large, binary, not UTF-8, empty, or it holds a secret).
 */
export async function loadPlanned(file: PlannedFile, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<LoadedFile | { skip: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await file.read();
  } catch (e) {
    return { skip: `unreadable (${(e as Error).message})` };
  }
  if (bytes.byteLength > maxBytes) return { skip: sizeReason(bytes.byteLength, maxBytes) };
  const text = decodeText(bytes);
  if (text === null) return { skip: bytes.subarray(0, SNIFF_BYTES).includes(0) ? 'binary file' : 'not UTF-8 text (binary, or a legacy encoding such as Latin-1)' };
  if (text.trim() === '') return { skip: 'empty file' };
  const [secret] = findSecrets(text);
  if (secret) return { skip: describeSecret(secret) };
  if (ignoresFile(text)) return { skip: 'relay-review: ignore-file' };
  return { path: file.path, language: file.language, text, hash: sha256(bytes), ...(file.diff ? { diff: file.diff } : {}), ...(file.rules ? { rules: file.rules } : {}) };
}

function sizeReason(size: number, max: number): string {
  return `larger than ${max} bytes (${size} bytes)`;
}

/** UTF-16 by its byte-order mark (its text is full of NUL bytes, yet it is text). */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Text (UTF-8, or UTF-16 with a BOM), or null for binaries (a NUL byte near the start, or invalid UTF-8). A BOM is dropped. */
export function decodeText(bytes: Uint8Array): string | null {
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function matcher(globs: string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch(globs, { dot: true });
}

/** One `ignore` instance per .gitignore, each applied to paths below its folder. */
async function gitignoreMatcher(source: FileSource, entries: SourceEntry[]): Promise<(path: string) => boolean> {
  const rules: { dir: string; ig: Ignore }[] = [];
  for (const e of entries) {
    if (e.dir || !(e.path === '.gitignore' || e.path.endsWith('/.gitignore'))) continue;
    try {
      const text = new TextDecoder().decode(await source.read(e.path));
      rules.push({ dir: e.path.slice(0, -'.gitignore'.length), ig: ignore().add(text) });
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  return (path) => rules.some(({ dir, ig }) => path.startsWith(dir) && ig.ignores(path.slice(dir.length)));
}
