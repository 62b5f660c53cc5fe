// Splitting large files into overlapping chunks, mapping findings back, merging duplicates.
import type { Chunk } from './prompt';
import type { Finding } from './types';

export interface ChunkOptions {
  /** Lines per chunk (default 400). */
  maxLines?: number;
  /** Characters per chunk (default 24,000, about 6k tokens). */
  maxChars?: number;
  /** Lines repeated between neighbouring chunks (default 20). */
  overlap?: number;
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Chunks covering every line; consecutive chunks share `overlap` lines. */
export function chunkLines(lines: string[], opts: ChunkOptions = {}): Chunk[] {
  const maxLines = Math.max(1, opts.maxLines ?? 400);
  const maxChars = Math.max(1, opts.maxChars ?? 24_000);
  const overlap = Math.max(0, Math.min(opts.overlap ?? 20, maxLines - 1));
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < lines.length) {
    let end = start;
    let chars = 0;
    while (end < lines.length && end - start < maxLines && (end === start || chars + lines[end].length + 1 <= maxChars)) {
      chars += lines[end].length + 1;
      end++;
    }
    chunks.push({ startLine: start + 1, lines: lines.slice(start, end) });
    if (end >= lines.length) break;
    start = Math.max(end - overlap, start + 1);
  }
  return chunks.length ? chunks : [{ startLine: 1, lines: [''] }];
}

/** Chunk-relative lines -> file lines. */
export function mapToFile(findings: Finding[], chunk: Chunk): Finding[] {
  const offset = chunk.startLine - 1;
  return findings.map((f) => ({ ...f, line: f.line + offset, ...(f.endLine !== undefined ? { endLine: f.endLine + offset } : {}) }));
}

/** Keys under which two findings count as the same: same lines and message, or same lines and rule. */
function findingKeys(f: Finding): string[] {
  const lines = `${f.line}\u0000${f.endLine ?? f.line}`;
  const keys = [`${lines}\u0000m:${f.message.trim().toLowerCase().replace(/\s+/g, ' ')}`];
  if (f.rule) keys.push(`${lines}\u0000r:${f.rule}`);
  return keys;
}

/** Drops findings repeated by overlapping chunks (same lines, and same message or rule); sorted by line. */
export function mergeFindings(findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  const byKey = new Map<string, number>();
  for (const f of findings) {
    const keys = findingKeys(f);
    const prior = keys.map((k) => byKey.get(k)).find((i) => i !== undefined);
    if (prior === undefined) {
      for (const k of keys) byKey.set(k, kept.length);
      kept.push(f);
    } else {
      for (const k of keys) if (!byKey.has(k)) byKey.set(k, prior);
      if (kept[prior].suggestion === undefined && f.suggestion !== undefined) kept[prior] = { ...kept[prior], suggestion: f.suggestion };
    }
  }
  return kept.sort((a, b) => a.line - b.line || (a.endLine ?? a.line) - (b.endLine ?? b.line));
}
