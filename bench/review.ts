// Review benchmark, all against the simulator answering each request after 100 ms, concurrency 16:
// - 1,000 files, no faults: wall time against the ideal ceil(1000/16) x 100 ms, peak in-flight,
//   peak memory;
// - the same with every 10th request answered 429 Retry-After: 1 (no real limit): wall time
//   against the no-fault run;
// - 400 files through a relay with a real limit (token bucket 20/s, burst 10, 429 when empty),
//   with and without x-ratelimit-* headers: throughput against the limit, share of 429s;
// - the relay down (connection refused): time and requests until the run stops.
// Timing never fails the run.
import { createRelayClient } from '../src/core/relay';
import { memorySource, planFiles, reviewFiles, type ReviewOutcome } from '../src/core/review';
import { rateLimitedResponder } from '../test/support/ratelimited';
import { startSimulator, type RecordedRequest, type Responder, type Scenario, type Simulator } from '../test/support/simulator';
import { completion, errorScenario } from '../test/support/sse';
import type { BenchRow, BenchSection } from './report';

const FILES = 1000;
const CONCURRENCY = 16;
const LATENCY_MS = 100;
const IDEAL_MS = Math.ceil(FILES / CONCURRENCY) * LATENCY_MS;
const LIMITED_FILES = 400;
const RATE = 20;
const BURST = 10;
const MB = 1024 * 1024;

function reply(req: RecordedRequest): Scenario {
  const user: string = req.body?.messages?.[1]?.content ?? '';
  const line = /^(\d+) \| .*TODO/m.exec(user)?.[1];
  const findings = line ? [{ line: Number(line), severity: 'warning', message: 'TODO left in', rule: 'todo' }] : [];
  return { delayMs: LATENCY_MS, body: completion(JSON.stringify({ findings }), { prompt_tokens: 120, completion_tokens: 30 }) };
}

async function plan(n: number) {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`src/mod${i}/file${i}.ts`] = `export function f${i}(x: number) {\n  // TODO: check ${i}\n  return x + ${i};\n}\n`;
  return planFiles(memorySource(files));
}

/** Samples heap and RSS while `work` runs; returns its result with the peaks. */
async function withMemory<T>(work: () => Promise<T>): Promise<{ result: T; heapMb: number; rssMb: number }> {
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return { result, heapMb: heap / MB, rssMb: rss / MB };
  } finally {
    clearInterval(timer);
  }
}

interface Outcome {
  files: number;
  wallMs: number;
  report: ReviewOutcome;
  maxInFlight: number;
  requests: number;
  throttled: number;
  heapMb: number;
  rssMb: number;
}

async function measure(sim: Simulator, files: number, responder: Responder, throttled: () => number, maxRetries: number): Promise<Outcome> {
  sim.reset();
  sim.setResponder(responder);
  const p = await plan(files);
  const client = createRelayClient({ baseUrl: sim.url, apiKey: 'bench-key', maxConnections: CONCURRENCY });
  try {
    const started = performance.now();
    const { result, heapMb, rssMb } = await withMemory(() => reviewFiles(p, { client, model: 'deepseek-v3.2', concurrency: CONCURRENCY, maxRetries }));
    return { files, wallMs: performance.now() - started, report: result, maxInFlight: sim.maxInFlight, requests: sim.requests.length, throttled: throttled(), heapMb, rssMb };
  } finally {
    await client.close();
  }
}

/** Every 10th request answered 429 Retry-After: 1 (0: none). */
function randomFaults(every: number) {
  let n = 0;
  let throttled = 0;
  const responder: Responder = (req) => {
    if (every && ++n % every === 0) {
      throttled++;
      return errorScenario(429, { type: 'rate_limit', message: 'slow down' }, { 'retry-after': '1' });
    }
    return reply(req);
  };
  return { responder, throttled: () => throttled };
}

function exactlyOnce(o: Outcome): boolean {
  return o.report.summary.reviewed === o.files && o.requests === o.files + o.throttled && o.report.summary.requests === o.requests;
}

function onceRow(label: string, o: Outcome): BenchRow {
  return { name: `${label}: files reviewed once, requests = files + 429s`, value: o.requests, unit: 'requests', target: `${o.files} + ${o.throttled}`, pass: exactlyOnce(o) };
}

function plainRows(o: Outcome): BenchRow[] {
  const ratio = o.wallMs / IDEAL_MS;
  const label = 'no throttling';
  return [
    { name: `${label}: wall time vs ideal ${IDEAL_MS} ms`, value: o.wallMs, unit: 'ms', ratio, target: '<= 1.10x', pass: ratio <= 1.1 },
    { name: `${label}: peak in flight (simulator)`, value: o.maxInFlight, unit: 'requests', target: `= ${CONCURRENCY}`, pass: o.maxInFlight === CONCURRENCY },
    onceRow(label, o),
    { name: `${label}: peak heap used`, value: o.heapMb, unit: 'MB' },
    { name: `${label}: peak RSS`, value: o.rssMb, unit: 'MB' },
  ];
}

function faultRows(o: Outcome, plain: Outcome): BenchRow[] {
  const label = '10% 429 Retry-After: 1';
  const ratio = o.wallMs / plain.wallMs;
  return [
    { name: `${label}: wall time vs no-fault run`, value: o.wallMs, unit: 'ms', ratio, target: '<= 2.00x', pass: ratio <= 2 },
    { name: `${label}: peak in flight (simulator)`, value: o.maxInFlight, unit: 'requests', target: `<= ${CONCURRENCY}`, pass: o.maxInFlight <= CONCURRENCY },
    onceRow(label, o),
  ];
}

function limitedRows(label: string, o: Outcome, minRatio: number): BenchRow[] {
  // The burst is free: throughput counts only what the refill allowed.
  const throughput = (o.report.summary.reviewed - BURST) / (o.wallMs / 1000);
  const share = o.throttled / Math.max(1, o.requests);
  return [
    { name: `${label}: throughput vs limit ${RATE}/s`, value: throughput, unit: 'files/s', ratio: throughput / RATE, target: `>= ${minRatio.toFixed(2)}x`, pass: throughput / RATE >= minRatio },
    { name: `${label}: requests answered 429`, value: share * 100, unit: '%', ...(minRatio >= 0.9 ? { target: '<= 5%', pass: share <= 0.05 } : {}) },
    onceRow(label, o),
  ];
}

async function limited(sim: Simulator, headers: boolean): Promise<Outcome> {
  const relay = rateLimitedResponder({ ratePerSec: RATE, burst: BURST, headers, reply });
  return measure(sim, LIMITED_FILES, relay.responder, () => relay.throttled, 3);
}

/** The relay down: a port nobody listens on (connection refused). */
async function down(): Promise<{ ms: number; requests: number; failed: number; stopped: boolean }> {
  const gone = await startSimulator();
  const url = gone.url;
  await gone.close();
  const p = await plan(LIMITED_FILES);
  const client = createRelayClient({ baseUrl: url, apiKey: 'bench-key', maxConnections: CONCURRENCY });
  try {
    const started = performance.now();
    const report = await reviewFiles(p, { client, model: 'deepseek-v3.2', concurrency: CONCURRENCY, maxRetries: 3 });
    return { ms: performance.now() - started, requests: report.summary.requests, failed: report.summary.failed, stopped: report.stoppedBy !== null };
  } finally {
    await client.close();
  }
}

export async function run(): Promise<BenchSection> {
  const sim = await startSimulator();
  try {
    const none = randomFaults(0);
    const plain = await measure(sim, FILES, none.responder, none.throttled, 10);
    const faults = randomFaults(10);
    const faulty = await measure(sim, FILES, faults.responder, faults.throttled, 10);
    const withHeaders = await limited(sim, true);
    const withoutHeaders = await limited(sim, false);
    const dead = await down();
    return {
      title: `Batch review: ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
      rows: [
        ...plainRows(plain),
        ...faultRows(faulty, plain),
        ...limitedRows(`limit ${RATE}/s burst ${BURST}, x-ratelimit headers`, withHeaders, 0.9),
        ...limitedRows(`limit ${RATE}/s burst ${BURST}, Retry-After only`, withoutHeaders, 0.8),
        { name: 'relay down: time until the run stops', value: dead.ms, unit: 'ms', target: '<= 5,000 ms', pass: dead.ms <= 5000 && dead.stopped },
        { name: 'relay down: requests until the run stops', value: dead.requests, unit: 'requests', target: `<= ${2 * CONCURRENCY}`, pass: dead.requests <= 2 * CONCURRENCY },
      ],
      notes: [
        'Simulator in the same process (its CPU counts against the run); ideal = ceil(files / concurrency) x latency.',
        `No-fault and 10% runs: ${FILES} files (maxRetries 10); ${faulty.throttled} answered 429 in the 10% run.`,
        `Limited runs: ${LIMITED_FILES} files, maxRetries 3 (the default); throughput = (files - burst) / wall time.`,
        `Relay down: ${LIMITED_FILES} files, maxRetries 3; ${dead.failed} reported failed, stopped by the breaker: ${dead.stopped}.`,
      ],
    };
  } finally {
    await sim.close();
  }
}
