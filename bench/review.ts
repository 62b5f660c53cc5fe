// Review benchmark: 1,000 files through the review engine at concurrency 16 against the simulator
// answering every request after 100 ms — wall time against the ideal ceil(1000/16) x 100 ms, peak
// in-flight, peak memory; then the same with every 10th request answered 429 Retry-After: 1
// (each one pauses the whole pool for a second, by design). Timing never fails the run.
import { createRelayClient } from '../src/core/relay';
import { memorySource, planFiles, reviewFiles, type ReviewOutcome } from '../src/core/review';
import { startSimulator, type RecordedRequest, type Scenario, type Simulator } from '../test/support/simulator';
import { completion, errorScenario } from '../test/support/sse';
import type { BenchRow, BenchSection } from './report';

const FILES = 1000;
const CONCURRENCY = 16;
const LATENCY_MS = 100;
const IDEAL_MS = Math.ceil(FILES / CONCURRENCY) * LATENCY_MS;
const MB = 1024 * 1024;

function reply(req: RecordedRequest): Scenario {
  const user: string = req.body?.messages?.[1]?.content ?? '';
  const line = /^(\d+) \| .*TODO/m.exec(user)?.[1];
  const findings = line ? [{ line: Number(line), severity: 'warning', message: 'TODO left in', rule: 'todo' }] : [];
  return { delayMs: LATENCY_MS, body: completion(JSON.stringify({ findings }), { prompt_tokens: 120, completion_tokens: 30 }) };
}

async function plan() {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`src/mod${i}/file${i}.ts`] = `export function f${i}(x: number) {\n  // TODO: check ${i}\n  return x + ${i};\n}\n`;
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
  wallMs: number;
  report: ReviewOutcome;
  maxInFlight: number;
  requests: number;
  throttled: number;
  heapMb: number;
  rssMb: number;
}

async function measure(sim: Simulator, throttleEvery: number): Promise<Outcome> {
  sim.reset();
  let n = 0;
  let throttled = 0;
  sim.setResponder((req) => {
    if (throttleEvery && ++n % throttleEvery === 0) {
      throttled++;
      return errorScenario(429, { type: 'rate_limit', message: 'slow down' }, { 'retry-after': '1' });
    }
    return reply(req);
  });
  const p = await plan();
  const client = createRelayClient({ baseUrl: sim.url, apiKey: 'bench-key', maxConnections: CONCURRENCY });
  try {
    const started = performance.now();
    const { result, heapMb, rssMb } = await withMemory(() => reviewFiles(p, { client, model: 'deepseek-v3.2', concurrency: CONCURRENCY, maxRetries: 10 }));
    return { wallMs: performance.now() - started, report: result, maxInFlight: sim.maxInFlight, requests: sim.requests.length, throttled, heapMb, rssMb };
  } finally {
    await client.close();
  }
}

function rows(label: string, o: Outcome, withTarget: boolean): BenchRow[] {
  const ratio = o.wallMs / IDEAL_MS;
  const exactlyOnce = o.report.summary.reviewed === FILES && o.requests === FILES + o.throttled && o.report.summary.requests === o.requests;
  return [
    { name: `${label}: wall time vs ideal ${IDEAL_MS} ms`, value: o.wallMs, unit: 'ms', ratio, ...(withTarget ? { target: '<= 1.10x', pass: ratio <= 1.1 } : {}) },
    withTarget
      ? { name: `${label}: peak in flight (simulator)`, value: o.maxInFlight, unit: 'requests', target: `= ${CONCURRENCY}`, pass: o.maxInFlight === CONCURRENCY }
      : { name: `${label}: peak in flight (simulator)`, value: o.maxInFlight, unit: 'requests', target: `<= ${CONCURRENCY}`, pass: o.maxInFlight <= CONCURRENCY },
    { name: `${label}: files reviewed once, requests = files + 429s`, value: o.requests, unit: 'requests', target: `${FILES} + ${o.throttled}`, pass: exactlyOnce },
    { name: `${label}: peak heap used`, value: o.heapMb, unit: 'MB' },
    { name: `${label}: peak RSS`, value: o.rssMb, unit: 'MB' },
  ];
}

export async function run(): Promise<BenchSection> {
  const sim = await startSimulator();
  try {
    const plain = await measure(sim, 0);
    const throttled = await measure(sim, 10);
    return {
      title: `Batch review: ${FILES} files, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
      rows: [...rows('no throttling', plain, true), ...rows('10% 429 Retry-After: 1', throttled, false)],
      notes: [
        'Simulator in the same process (its CPU counts against the run); ideal = ceil(files / concurrency) x latency.',
        `With 429s, each hint pauses the whole pool for 1 s (${throttled.throttled} answered 429); the ratio shows the cost of that politeness.`,
      ],
    };
  } finally {
    await sim.close();
  }
}
