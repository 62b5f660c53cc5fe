// The relay's Batch API (OpenAI's /files and /batches, as OpenAI, Azure OpenAI, Groq, Together
// and LiteLLM serve it): upload a JSONL file, create, read, list and cancel batches, download
// result files. Same transport, key, extra headers, redaction and error classification as chat.
import type { Dispatcher } from 'undici';
import { readText } from './attempt';
import { relayBasics } from './client';
import { httpError, makeError } from './classify';
import { isRelayError, type RelayError } from './errors';
import { Exchange, createDispatcher, socketReleased } from './http';
import { isObject, parseJson } from './json';
import { backoffDelay, waitOrCancel } from './retry';
import type { RelayClientOptions } from './types';

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

export const TERMINAL_STATUSES: ReadonlySet<BatchStatus> = new Set(['failed', 'completed', 'expired', 'cancelled']);

export interface BatchRequestCounts {
  total: number;
  completed: number;
  failed: number;
}

export interface BatchErrorEntry {
  code: string | null;
  message: string;
  line: number | null;
}

/** The fields of a batch object the review uses. */
export interface BatchInfo {
  id: string;
  status: BatchStatus;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
  requestCounts: BatchRequestCounts;
  /** Unix seconds, or null when the relay did not say. */
  expiresAt: number | null;
  errors: BatchErrorEntry[];
  metadata: Record<string, string>;
}

export interface CreateBatchInput {
  inputFileId: string;
  endpoint: string;
  completionWindow?: string;
  metadata?: Record<string, string>;
}

export interface BatchApi {
  /** POST /files (multipart, purpose=batch) -> the file id. */
  uploadFile(name: string, jsonl: string, signal?: AbortSignal): Promise<string>;
  /** POST /batches. */
  createBatch(input: CreateBatchInput, signal?: AbortSignal): Promise<BatchInfo>;
  /** GET /batches/{id}. */
  getBatch(id: string, signal?: AbortSignal): Promise<BatchInfo>;
  /** GET /batches?limit=N (newest first); [] when the relay cannot list. */
  listBatches(limit: number, signal?: AbortSignal): Promise<BatchInfo[]>;
  /** GET /files/{id}/content as text. */
  fileContent(id: string, signal?: AbortSignal): Promise<string>;
  /** POST /batches/{id}/cancel. */
  cancelBatch(id: string, signal?: AbortSignal): Promise<BatchInfo>;
  close(): Promise<void>;
}

const STATUSES: readonly BatchStatus[] = ['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled'];

/** Result files of a full batch: 50,000 answers can pass the chat limit of 32 MiB. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Retries of one Batch API call on a transient error (network, 5xx, 429, timeout). */
const CALL_RETRIES = 4;

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function errorsOf(v: unknown): BatchErrorEntry[] {
  const data = isObject(v) && Array.isArray(v.data) ? v.data : Array.isArray(v) ? v : [];
  return data.filter(isObject).map((e) => ({ code: str(e.code), message: typeof e.message === 'string' ? e.message : String(e.code ?? 'unknown error'), line: typeof e.line === 'number' ? e.line : null }));
}

/** A batch object from the wire; `protocol` when it has no id or no known status. */
export function batchInfoOf(json: unknown, secrets: readonly string[] = []): BatchInfo {
  const status = isObject(json) ? json.status : undefined;
  if (!isObject(json) || typeof json.id !== 'string' || !STATUSES.includes(status as BatchStatus)) {
    throw makeError({ kind: 'protocol', status: null, detail: 'the relay answered with something that is not a batch object', secrets });
  }
  const counts = isObject(json.request_counts) ? json.request_counts : {};
  const metadata: Record<string, string> = {};
  if (isObject(json.metadata)) for (const [k, v] of Object.entries(json.metadata)) if (typeof v === 'string') metadata[k] = v;
  return {
    id: json.id,
    status: status as BatchStatus,
    inputFileId: str(json.input_file_id),
    outputFileId: str(json.output_file_id),
    errorFileId: str(json.error_file_id),
    requestCounts: { total: num(counts.total), completed: num(counts.completed), failed: num(counts.failed) },
    expiresAt: typeof json.expires_at === 'number' ? json.expires_at : null,
    errors: errorsOf(json.errors),
    metadata,
  };
}

/** A multipart/form-data body with `purpose=batch` and the JSONL as `file`. */
export function multipartBody(name: string, jsonl: string, boundary: string): string {
  const safe = name.replace(/["\r\n\\]/g, '_');
  return [
    `--${boundary}`,
    'Content-Disposition: form-data; name="purpose"',
    '',
    'batch',
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${safe}"`,
    'Content-Type: application/jsonl',
    '',
    jsonl,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
  maxBytes?: number;
  signal?: AbortSignal;
}

class Api implements BatchApi {
  private dispatcher: Promise<Dispatcher> | null = null;
  private readonly baseUrl: string;
  private readonly secrets: string[];
  private readonly extraHeaders: Record<string, string>;

  constructor(private readonly o: RelayClientOptions) {
    ({ baseUrl: this.baseUrl, extraHeaders: this.extraHeaders, secrets: this.secrets } = relayBasics(o));
  }

  private headers(contentType?: string): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...this.extraHeaders };
    if (contentType) h['content-type'] = contentType;
    if (this.o.apiKey) h.authorization = `Bearer ${this.o.apiKey}`;
    return h;
  }

  private async once(c: Call): Promise<string> {
    this.dispatcher ??= createDispatcher(this.o);
    const ex = new Exchange(
      {
        method: c.method,
        url: `${this.baseUrl}${c.path}`,
        headers: this.headers(c.contentType),
        body: c.body,
        signal: c.signal,
        headersTimeoutMs: this.o.headersTimeoutMs ?? 60_000,
        maxBodyBytes: c.maxBytes ?? MAX_FILE_BYTES,
        idleTimeoutMs: this.o.idleTimeoutMs ?? 60_000,
        totalTimeoutMs: this.o.requestTimeoutMs ?? 120_000,
      },
      this.secrets,
    );
    try {
      const res = await ex.send(await this.dispatcher);
      const text = await readText(res, ex, this.secrets);
      if (res.statusCode >= 300) throw httpError(res.statusCode, res.headers, text, this.secrets);
      await socketReleased();
      return text;
    } finally {
      ex.dispose();
    }
  }

  /** One call with retries on transient errors (never on 4xx: a 404 means "no batch API"). */
  private async call(c: Call): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(c);
      } catch (e) {
        const err = e as RelayError;
        if (!isRelayError(e) || !err.retryable || attempt > CALL_RETRIES) throw e;
        await waitOrCancel(backoffDelay(attempt, err, { baseMs: this.o.retryBaseMs, maxWaitMs: this.o.maxRetryWaitMs, random: this.o.random }), c.signal);
      }
    }
  }

  private async json(c: Call): Promise<unknown> {
    const text = await this.call(c);
    const json = parseJson(text.trim());
    if (json === undefined) throw makeError({ kind: 'protocol', status: null, detail: `${c.method} ${c.path} did not answer with JSON`, secrets: this.secrets });
    return json;
  }

  async uploadFile(name: string, jsonl: string, signal?: AbortSignal): Promise<string> {
    const boundary = `relay-assistant-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const json = await this.json({ method: 'POST', path: '/files', body: multipartBody(name, jsonl, boundary), contentType: `multipart/form-data; boundary=${boundary}`, signal });
    const id = isObject(json) ? str(json.id) : null;
    if (!id) throw makeError({ kind: 'protocol', status: null, detail: 'the file upload answer has no id', secrets: this.secrets });
    return id;
  }

  async createBatch(input: CreateBatchInput, signal?: AbortSignal): Promise<BatchInfo> {
    const body = JSON.stringify({ input_file_id: input.inputFileId, endpoint: input.endpoint, completion_window: input.completionWindow ?? '24h', metadata: input.metadata ?? {} });
    return batchInfoOf(await this.json({ method: 'POST', path: '/batches', body, contentType: 'application/json', signal }), this.secrets);
  }

  async getBatch(id: string, signal?: AbortSignal): Promise<BatchInfo> {
    return batchInfoOf(await this.json({ method: 'GET', path: `/batches/${encodeURIComponent(id)}`, signal }), this.secrets);
  }

  async listBatches(limit: number, signal?: AbortSignal): Promise<BatchInfo[]> {
    let json: unknown;
    try {
      json = await this.json({ method: 'GET', path: `/batches?limit=${limit}`, signal });
    } catch (e) {
      if (isRelayError(e) && (e.status === 404 || e.status === 405)) return [];
      throw e;
    }
    const data = isObject(json) && Array.isArray(json.data) ? json.data : [];
    const out: BatchInfo[] = [];
    for (const item of data) {
      try {
        out.push(batchInfoOf(item, this.secrets));
      } catch {
        // an entry we cannot read is not ours
      }
    }
    return out;
  }

  fileContent(id: string, signal?: AbortSignal): Promise<string> {
    return this.call({ method: 'GET', path: `/files/${encodeURIComponent(id)}/content`, signal });
  }

  async cancelBatch(id: string, signal?: AbortSignal): Promise<BatchInfo> {
    return batchInfoOf(await this.json({ method: 'POST', path: `/batches/${encodeURIComponent(id)}/cancel`, body: '{}', contentType: 'application/json', signal }), this.secrets);
  }

  async close(): Promise<void> {
    const d = this.dispatcher;
    this.dispatcher = null;
    const dispatcher = d ? await d.catch(() => null) : null;
    await dispatcher?.close();
  }
}

export function createBatchApi(opts: RelayClientOptions): BatchApi {
  return new Api(opts);
}
