// The OpenAI Batch API on the relay simulator: POST /files (multipart, purpose=batch),
// POST /batches, GET /batches[/{id}], POST /batches/{id}/cancel, GET /files/{id}/content.
// Statuses move forward on every GET of a batch (deterministic, no clocks):
// validating -> in_progress (lines answered over `pollsInProgress` GETs) -> finalizing -> completed.
//
//   const batches = sim.enableBatches({ answer: (body) => ({ status: 200, body: completion('{"findings": []}') }) });
//   ... batches.created === 1, batches.lines(batchId) ...
import type { RecordedRequest, Scenario } from './simulator';
import { completion } from './sse';

/** What one input line gets: an HTTP-shaped response, or a Batch API per-line error. */
export type LineAnswer = { status: number; body: unknown } | { error: { code: string; message: string } };

export interface BatchSimOptions {
  /** Answers one line's body (a chat completion request). Default: no findings. */
  answer?(body: Record<string, unknown>, customId: string): LineAnswer;
  /** GETs a batch spends in_progress; its lines are answered evenly over them (default 2). */
  pollsInProgress?: number;
  /** Output lines in a shuffled order, as relays do (default true). */
  shuffle?: boolean;
  /** Stays in_progress (answering nothing) until release(). */
  hold?: boolean;
  /** The batch expires after answering this many lines; the rest are missing from its files. */
  expireAfter?: number;
  /** The batch fails validation with these errors. */
  failWith?: { code: string; message: string; line?: number }[];
}

export interface InputLine {
  custom_id: string;
  method: string;
  url: string;
  body: Record<string, unknown>;
}

interface SimFile {
  id: string;
  purpose: string;
  filename: string;
  content: string;
}

interface SimBatch {
  id: string;
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  metadata: Record<string, string>;
  status: string;
  lines: InputLine[];
  answered: number;
  polls: number;
  output: string[];
  errors: string[];
  output_file_id: string | null;
  error_file_id: string | null;
  validation: { code: string; message: string; line?: number }[];
  created_at: number;
  options: BatchSimOptions;
}

export interface BatchSim {
  /** Answers a Batch API request, or null when the request is not one. */
  handle(req: RecordedRequest): Scenario | null;
  /** Batches created (POST /batches) since the last reset. */
  readonly created: number;
  /** Files uploaded since the last reset. */
  readonly uploads: number;
  /** Options for batches created from now on (merged into the current ones). */
  configure(options: BatchSimOptions): void;
  /** Ends `hold`: held batches go on at their next GET. */
  release(): void;
  /** The parsed input lines of a batch. */
  lines(batchId: string): InputLine[];
  /** Raw uploaded file text by id. */
  file(fileId: string): string | undefined;
  /** Ids of all batches, oldest first. */
  batchIds(): string[];
  /** Forgets files, batches and counters; options back to the given ones. */
  reset(options?: BatchSimOptions): void;
}

const json = (body: unknown, status = 200): Scenario => ({ status, body: body as object });
const notFound = (what: string): Scenario => json({ error: { message: `No such ${what}`, type: 'invalid_request_error', code: 'not_found' } }, 404);
const invalid = (message: string): Scenario => json({ error: { message, type: 'invalid_request_error' } }, 400);

/** The parts of a multipart/form-data body: name -> { filename, value }. */
function multipart(req: RecordedRequest): Map<string, { filename?: string; value: string }> {
  const type = String(req.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  const parts = new Map<string, { filename?: string; value: string }>();
  if (!boundary || typeof req.body !== 'string') return parts;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  for (const raw of req.body.split(delimiter).slice(1)) {
    if (raw.startsWith('--')) break;
    const split = raw.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = raw.slice(0, split);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name) parts.set(name, { filename, value: raw.slice(split + 4).replace(/\r\n$/, '') });
  }
  return parts;
}

/** A fixed permutation (reversed, odd positions first): shuffled, and the same on every run. */
function shuffled<T>(items: T[]): T[] {
  const r = [...items].reverse();
  return [...r.filter((_, i) => i % 2 === 1), ...r.filter((_, i) => i % 2 === 0)];
}

/** The endpoints the Batch API takes (a batch's lines all go to its endpoint). */
const ENDPOINTS = ['/v1/chat/completions', '/v1/responses', '/v1/completions', '/v1/embeddings'];

function validate(content: string, endpoint: string): { lines: InputLine[]; errors: { code: string; message: string; line?: number }[] } {
  const lines: InputLine[] = [];
  const errors: { code: string; message: string; line?: number }[] = [];
  const ids = new Set<string>();
  const models = new Set<unknown>();
  content.split('\n').forEach((raw, i) => {
    if (raw === '' && i === content.split('\n').length - 1) return;
    let line: InputLine;
    try {
      line = JSON.parse(raw) as InputLine;
    } catch {
      return void errors.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', line: i + 1 });
    }
    if (typeof line.custom_id !== 'string' || ids.has(line.custom_id)) errors.push({ code: 'duplicate_custom_id', message: 'The custom_id for this request is missing or a duplicate.', line: i + 1 });
    if (line.method !== 'POST' || line.url !== endpoint) errors.push({ code: 'invalid_url', message: 'The URL provided for this request does not match the batch endpoint.', line: i + 1 });
    if (typeof line.body !== 'object' || line.body === null) errors.push({ code: 'missing_body', message: 'The request has no body.', line: i + 1 });
    ids.add(line.custom_id);
    models.add(line.body?.model);
    lines.push(line);
  });
  if (models.size > 1) errors.push({ code: 'mismatched_model', message: 'The provided model does not match the model of the other requests in this file.' });
  if (lines.length === 0) errors.push({ code: 'empty_file', message: 'The input file has no requests.' });
  return { lines, errors };
}

const defaultAnswer = (): LineAnswer => ({ status: 200, body: completion('{"findings": []}', { prompt_tokens: 100, completion_tokens: 10 }) });

export function createBatchSim(initial: BatchSimOptions = {}): BatchSim {
  let options: BatchSimOptions = { ...initial };
  let files = new Map<string, SimFile>();
  let batches = new Map<string, SimBatch>();
  let created = 0;
  let uploads = 0;
  let seq = 0;
  let held = !!options.hold;
  const nextId = (prefix: string) => `${prefix}${(++seq).toString(36).padStart(6, '0')}`;

  const view = (b: SimBatch) => {
    const failed = b.errors.length;
    return {
      id: b.id,
      object: 'batch',
      endpoint: b.endpoint,
      errors: b.validation.length ? { object: 'list', data: b.validation.map((e) => ({ code: e.code, message: e.message, param: null, line: e.line ?? null })) } : null,
      input_file_id: b.input_file_id,
      completion_window: b.completion_window,
      status: b.status,
      output_file_id: b.output_file_id,
      error_file_id: b.error_file_id,
      created_at: b.created_at,
      expires_at: b.created_at + 24 * 3600,
      request_counts: { total: b.lines.length, completed: b.answered - failed, failed },
      metadata: b.metadata,
    };
  };

  const answerLine = (b: SimBatch, line: InputLine) => {
    const a = (b.options.answer ?? defaultAnswer)(line.body, line.custom_id);
    const id = `batch_req_${nextId('')}`;
    if ('error' in a) b.errors.push(JSON.stringify({ id, custom_id: line.custom_id, response: null, error: a.error }));
    else if (a.status >= 300) b.errors.push(JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: a.status, request_id: id, body: a.body }, error: null }));
    else b.output.push(JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: a.status, request_id: id, body: a.body }, error: null }));
    b.answered++;
  };

  const writeFiles = (b: SimBatch) => {
    const write = (lines: string[]) => {
      if (lines.length === 0) return null;
      const id = nextId('file-out');
      const ordered = b.options.shuffle === false ? lines : shuffled(lines);
      files.set(id, { id, purpose: 'batch_output', filename: `${id}.jsonl`, content: ordered.join('\n') + '\n' });
      return id;
    };
    b.output_file_id = write(b.output);
    b.error_file_id = write(b.errors);
  };

  const advance = (b: SimBatch) => {
    b.polls++;
    if (b.status === 'validating') {
      b.status = b.validation.length ? 'failed' : 'in_progress';
      return;
    }
    if (b.status === 'cancelling') {
      b.status = 'cancelled';
      return writeFiles(b);
    }
    if (b.status === 'finalizing') {
      b.status = 'completed';
      return writeFiles(b);
    }
    if (b.status !== 'in_progress' || held) return;
    const per = Math.ceil(b.lines.length / Math.max(1, b.options.pollsInProgress ?? 2));
    const stop = Math.min(b.lines.length, b.answered + per, b.options.expireAfter ?? Infinity);
    while (b.answered < stop) answerLine(b, b.lines[b.answered]);
    if (b.options.expireAfter !== undefined && b.answered >= b.options.expireAfter && b.answered < b.lines.length) {
      b.status = 'expired';
      return writeFiles(b);
    }
    if (b.answered >= b.lines.length) b.status = 'finalizing';
  };

  const upload = (req: RecordedRequest): Scenario => {
    const parts = multipart(req);
    const file = parts.get('file');
    if (parts.get('purpose')?.value !== 'batch') return invalid("'purpose' must be 'batch'");
    if (!file) return invalid("'file' is a required property");
    uploads++;
    const id = nextId('file-');
    files.set(id, { id, purpose: 'batch', filename: file.filename ?? 'upload.jsonl', content: file.value });
    return json({ id, object: 'file', bytes: Buffer.byteLength(file.value), created_at: Math.floor(Date.now() / 1000), filename: file.filename, purpose: 'batch' });
  };

  const create = (req: RecordedRequest): Scenario => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = files.get(String(body.input_file_id));
    if (!input) return notFound(`file ${String(body.input_file_id)}`);
    if (!ENDPOINTS.includes(String(body.endpoint))) return invalid(`endpoint must be one of ${ENDPOINTS.join(', ')}`);
    if (body.completion_window !== '24h') return invalid("completion_window must be '24h'");
    const { lines, errors } = validate(input.content, String(body.endpoint));
    created++;
    const b: SimBatch = {
      id: nextId('batch_'), input_file_id: input.id, endpoint: String(body.endpoint), completion_window: '24h', metadata: (body.metadata ?? {}) as Record<string, string>,
      status: 'validating', lines, answered: 0, polls: 0, output: [], errors: [], output_file_id: null, error_file_id: null,
      validation: options.failWith ?? errors, created_at: Math.floor(Date.now() / 1000), options: { ...options },
    };
    batches.set(b.id, b);
    return json(view(b));
  };

  const handle = (req: RecordedRequest): Scenario | null => {
    const path = req.path.replace(/^\/v1/, '');
    const [route, query = ''] = path.split('?');
    if (req.method === 'POST' && route === '/files') return upload(req);
    if (req.method === 'POST' && route === '/batches') return create(req);
    if (req.method === 'GET' && route === '/batches') {
      const limit = Number(new URLSearchParams(query).get('limit') ?? 20);
      return json({ object: 'list', data: [...batches.values()].reverse().slice(0, limit).map(view), has_more: false });
    }
    let m = /^\/batches\/([^/]+)$/.exec(route);
    if (req.method === 'GET' && m) {
      const b = batches.get(decodeURIComponent(m[1]));
      if (!b) return notFound('batch');
      advance(b);
      return json(view(b));
    }
    m = /^\/batches\/([^/]+)\/cancel$/.exec(route);
    if (req.method === 'POST' && m) {
      const b = batches.get(decodeURIComponent(m[1]));
      if (!b) return notFound('batch');
      if (['validating', 'in_progress', 'finalizing'].includes(b.status)) b.status = 'cancelling';
      return json(view(b));
    }
    m = /^\/files\/([^/]+)\/content$/.exec(route);
    if (req.method === 'GET' && m) {
      const f = files.get(decodeURIComponent(m[1]));
      return f ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: f.content } : notFound('file');
    }
    return null;
  };

  return {
    handle,
    get created() {
      return created;
    },
    get uploads() {
      return uploads;
    },
    configure(o) {
      options = { ...options, ...o };
      if (o.hold !== undefined) held = o.hold;
    },
    release() {
      held = false;
    },
    lines: (id) => batches.get(id)?.lines ?? [],
    file: (id) => files.get(id)?.content,
    batchIds: () => [...batches.keys()],
    reset(o = {}) {
      options = { ...o };
      held = !!o.hold;
      files = new Map();
      batches = new Map();
      created = 0;
      uploads = 0;
    },
  };
}
