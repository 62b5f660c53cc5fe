// Result files: JSONL lines in any order, `{id, custom_id, response: {status_code, body}, error}`,
// mapped back by custom_id. A line's answer is read like a non-streaming answer of its wire.
import { httpError, inBandError, isRelayError, makeError, parseBatchBody, type ErrorKind, type Usage } from '../../relay';

export type LineResult =
  | { ok: true; text: string; usage: Usage | null }
  | { ok: false; kind: ErrorKind; message: string; code: string | null; retryable: boolean };

/** Per-line error codes of the Batch API that a new submission may well answer. */
const RETRY_CODES = new Set(['batch_expired', 'request_timeout']);

function failure(kind: ErrorKind, message: string, code: string | null, retryable: boolean): LineResult {
  return { ok: false, kind, message, code, retryable };
}

function lineOf(raw: unknown, secrets: readonly string[]): LineResult {
  const line = raw as { response?: { status_code?: unknown; body?: unknown } | null; error?: { code?: unknown; message?: unknown } | null };
  if (line.error && typeof line.error === 'object') {
    const code = typeof line.error.code === 'string' ? line.error.code : null;
    if (code === 'batch_cancelled') return failure('cancelled', 'The batch was cancelled before this request ran', code, false);
    if (code && RETRY_CODES.has(code)) return failure('timeout', typeof line.error.message === 'string' ? line.error.message : code, code, true);
    const err = inBandError(line.error as Record<string, unknown>, secrets);
    return failure(err.kind, err.message, err.code, err.retryable);
  }
  const status = typeof line.response?.status_code === 'number' ? line.response.status_code : 0;
  const body = line.response?.body;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  try {
    if (status >= 300 || status < 200) throw status ? httpError(status, {}, text, secrets) : makeError({ kind: 'protocol', status: null, detail: 'a result line without a status code', secrets });
    const out = parseBatchBody(text, secrets);
    return { ok: true, text: out.text, usage: out.usage };
  } catch (e) {
    if (!isRelayError(e)) throw e;
    return failure(e.kind, e.message, e.code, e.retryable);
  }
}

/** Reads result-file text into `into` (custom_id -> result); lines that are not JSON or have no custom_id are counted and skipped. */
export function readResults(jsonl: string, into: Map<string, LineResult>, secrets: readonly string[] = []): { unreadable: number } {
  let unreadable = 0;
  for (const raw of jsonl.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      unreadable++;
      continue;
    }
    const id = (parsed as { custom_id?: unknown } | null)?.custom_id;
    if (typeof id !== 'string') {
      unreadable++;
      continue;
    }
    const result = lineOf(parsed, secrets);
    // A success wins over an error reported for the same line in the other file.
    if (!into.get(id)?.ok) into.set(id, result);
  }
  return { unreadable };
}
