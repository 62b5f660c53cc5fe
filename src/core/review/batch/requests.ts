// The batch input: one JSONL line per (file content, chunk), one model for the whole file,
// custom_id derived from the cache key, split into files of at most 50,000 lines and 200 MB.
import { batchRequest, resolveModel, type ModelOverride } from '../../relay';
import type { ChunkOptions } from '../chunk';
import type { DiffFilter } from '../diff';
import { fileRequests, reviewKey } from '../estimate';
import { loadPlanned } from '../plan';
import { reviewMessages } from '../prompt';
import type { PlannedFile } from '../types';

/** The endpoint every line asks for. */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/** The endpoint of a batch for this model: the Responses API for Responses-only models (and those set so), else chat completions. */
export function batchEndpointOf(model: string, models?: Record<string, ModelOverride>): string {
  return batchRequest({ model: resolveModel(model), messages: [], stream: false }, models).url;
}

/** The Batch API's limits per input file. */
export const MAX_LINES_PER_BATCH = 50_000;
export const MAX_BYTES_PER_BATCH = 200 * 1024 * 1024;

/** What a custom_id stands for: enough to map an answer back without the file's text. */
export interface RequestRef {
  /** The file's reviewKey(): content hash (and diff in PR mode), prompt version, model. */
  key: string;
  /** 0-based chunk index and the file's chunk count. */
  chunk: number;
  chunks: number;
  /** File line of the chunk's first line (1-based) and the chunk's line count. */
  startLine: number;
  lines: number;
  /** Every planned path with this content (identical files are asked once). */
  paths: string[];
  /** sha256 of the content. */
  hash: string;
}

export interface BatchLine {
  customId: string;
  ref: RequestRef;
  /** The JSONL line, without the newline. */
  json: string;
  promptTokens: number;
}

/** `rv-<first 40 hex of the cache key>-<chunk>-<chunks>`: unique per content, chunk, prompt version and model. */
export function customIdOf(key: string, chunk: number, chunks: number): string {
  return `rv-${key.slice(0, 40)}-${chunk}-${chunks}`;
}

export interface LineOptions {
  model: string;
  chunk?: ChunkOptions;
  maxTokens?: number;
  /** PR mode: which chunks of a file with a diff are sent (as on the live path). */
  filter?: DiffFilter;
  /** The plan's maxFileBytes. */
  maxFileBytes?: number;
  /** Per-model settings (parameter rules, output limits). */
  models?: Record<string, ModelOverride>;
}

/** The batch lines for these files, read one at a time (identical contents share their lines; unreviewable files have none). */
export async function batchLines(files: PlannedFile[], o: LineOptions): Promise<BatchLine[]> {
  const model = resolveModel(o.model);
  const byKey = new Map<string, BatchLine[]>();
  const out: BatchLine[] = [];
  for (const planned of files) {
    const file = await loadPlanned(planned, o.maxFileBytes);
    if ('skip' in file) continue;
    const key = reviewKey(file, o.model);
    const known = byKey.get(key);
    if (known) {
      for (const l of known) if (!l.ref.paths.includes(file.path)) l.ref.paths.push(file.path);
      continue;
    }
    const { chunks, lineCount, tokens } = fileRequests(file, o.chunk, o.filter);
    const mine = chunks.map((c, i): BatchLine => {
      const messages = reviewMessages(file.path, file.language, c, lineCount, file.diff, file.rules);
      // As the live path asks: the model's parameter rules (no temperature for reasoning models), a bounded output.
      const { url, body } = batchRequest({ model, messages, stream: false, temperature: 0, maxTokens: o.maxTokens, boundedOutput: true }, o.models);
      const customId = customIdOf(key, i, chunks.length);
      return {
        customId,
        ref: { key, chunk: i, chunks: chunks.length, startLine: c.startLine, lines: c.lines.length, paths: [file.path], hash: file.hash },
        json: JSON.stringify({ custom_id: customId, method: 'POST', url, body }),
        promptTokens: tokens[i],
      };
    });
    byKey.set(key, mine);
    out.push(...mine);
  }
  return out;
}

export interface SplitLimits {
  maxLines?: number;
  maxBytes?: number;
}

/** Groups lines into input files within the limits; a file's chunks stay in one group. */
export function splitBatches(lines: BatchLine[], limits: SplitLimits = {}): BatchLine[][] {
  const maxLines = limits.maxLines ?? MAX_LINES_PER_BATCH;
  const maxBytes = limits.maxBytes ?? MAX_BYTES_PER_BATCH;
  const groups: BatchLine[][] = [];
  let current: BatchLine[] = [];
  let bytes = 0;
  const byKey = new Map<string, BatchLine[]>();
  for (const l of lines) byKey.set(l.ref.key, [...(byKey.get(l.ref.key) ?? []), l]);
  for (const unit of byKey.values()) {
    const unitBytes = unit.reduce((n, l) => n + Buffer.byteLength(l.json) + 1, 0);
    if (current.length > 0 && (current.length + unit.length > maxLines || bytes + unitBytes > maxBytes)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...unit);
    bytes += unitBytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** The JSONL text of one input file. */
export function toJsonl(lines: BatchLine[]): string {
  return lines.map((l) => l.json).join('\n') + '\n';
}
