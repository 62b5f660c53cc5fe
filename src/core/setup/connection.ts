// The connection test of "Choose relay": GET /models, then one tiny streaming completion, through
// the same relay client every feature uses (proxy, CA file, headers apply). Reports what it found —
// reachable, latency, key accepted, the models, streaming — or the one problem and its fix.
import { resolveModel } from '../relay/models';
import type { RelayClient, RelayErrorInfo } from '../relay/types';
import { diagnose, wrongPathCandidates, type Problem } from './diagnose';

export interface ConnectionInput {
  baseUrl: string;
  /** Whether a key is sent (the key itself never comes here). */
  hasKey: boolean;
  /** The configured chat model; tested when the relay offers it (or lists nothing). */
  model: string;
  /** A relay client for a base URL (the caller owns settings, key, proxy). Closed after use. */
  connect(baseUrl: string): RelayClient;
  /** Said when a local server's port is closed ("start the server in LM Studio"). */
  startHint?: string;
  signal?: AbortSignal;
  /** Limit for each step (ms). */
  stepTimeoutMs?: number;
}

export interface ConnectionReport {
  baseUrl: string;
  ok: boolean;
  /** The /models round trip (ms); null when the relay was not reached. */
  latencyMs: number | null;
  /** true: the completion went through with the key; null: no key was sent. */
  keyAccepted: boolean | null;
  /** Model ids from /models ([] when the relay lists none). */
  models: string[];
  /** The model the completion used. */
  testedModel: string | null;
  /** false when the relay lists models and the configured one is not among them. */
  modelOffered: boolean;
  streaming: boolean;
  firstTokenMs: number | null;
  costUsd: number | null;
  problem: Problem | null;
}

const STEP_TIMEOUT_MS = 20_000;
export const TEST_PROMPT = 'Reply with the single word OK.';

export async function testConnection(input: ConnectionInput): Promise<ConnectionReport> {
  const report: ConnectionReport = { baseUrl: input.baseUrl, ok: false, latencyMs: null, keyAccepted: null, models: [], testedModel: null, modelOffered: true, streaming: false, firstTokenMs: null, costUsd: null, problem: null };
  const client = input.connect(input.baseUrl);
  try {
    const started = Date.now();
    try {
      report.models = (await client.listModels(stepSignal(input))).map((m) => m.id);
      report.latencyMs = Date.now() - started;
    } catch (e) {
      if (isReached(e)) report.latencyMs = Date.now() - started;
      report.problem = await diagnose(errorInfo(e), { ...input, step: 'models', models: [] }, () => probePaths(input));
      return report;
    }
    const wanted = resolveModel(input.model);
    report.modelOffered = report.models.length === 0 || report.models.includes(wanted) || report.models.includes(input.model);
    report.testedModel = report.modelOffered ? input.model : report.models[0];
    let deltas = 0;
    const askedAt = Date.now();
    try {
      const result = await client.chat({
        model: report.testedModel,
        messages: [{ role: 'user', content: TEST_PROMPT }],
        stream: true,
        maxTokens: 16,
        fallbackModels: [],
        maxRetries: 0,
        signal: stepSignal(input),
        onDelta: () => {
          if (deltas++ === 0) report.firstTokenMs = Date.now() - askedAt;
        },
      });
      report.streaming = deltas > 0 || result.ttftMs !== null;
      report.costUsd = result.costUsd;
      report.keyAccepted = input.hasKey ? true : null;
      report.ok = true;
    } catch (e) {
      report.problem = await diagnose(errorInfo(e), { ...input, step: 'chat', models: report.models, testedModel: report.testedModel }, () => probePaths(input));
    }
    return report;
  } finally {
    await client.close().catch(() => undefined);
  }
}

function stepSignal(input: ConnectionInput): AbortSignal {
  const timeout = AbortSignal.timeout(input.stepTimeoutMs ?? STEP_TIMEOUT_MS);
  return input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
}

/** The first base URL near the given one (…/v1 added, a doubled /v1 or a pasted endpoint removed) that lists models. */
async function probePaths(input: ConnectionInput): Promise<string | undefined> {
  for (const candidate of wrongPathCandidates(input.baseUrl)) {
    const client = input.connect(candidate);
    try {
      if ((await client.listModels(stepSignal(input))).length > 0) return candidate;
    } catch {
      // not this one
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  return undefined;
}

/** An HTTP answer came back (the relay was reached, whatever it said). */
function isReached(e: unknown): boolean {
  return typeof (e as RelayErrorInfo | null)?.status === 'number';
}

function errorInfo(e: unknown): RelayErrorInfo {
  const x = e as Partial<RelayErrorInfo> | null;
  if (x && typeof x.kind === 'string') return { kind: x.kind, status: x.status ?? null, retryable: !!x.retryable, retryAfterMs: x.retryAfterMs ?? null, message: String(x.message ?? ''), code: x.code ?? null };
  return { kind: 'server', status: null, retryable: false, retryAfterMs: null, message: e instanceof Error ? e.message : String(e), code: null };
}
