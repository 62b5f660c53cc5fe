// The relay client against baselines measured in the same run, over the simulator in its own process:
// stream parse cost (CPU and heap bytes per delta), time-to-first-token overhead, and batches of
// non-streaming requests at several concurrencies (wall time vs the ideal, sockets opened).
import { availableParallelism, loadavg } from 'node:os';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { BATCH_LATENCY_MS, BATCH_REQUESTS, batchPair, type BatchOutcome } from './batch';
import { OpenAiSdkReader, OursReader, RawReader, type StreamReader } from './readers';
import { startRemoteSimulator } from './remote-sim';
import { median, type BenchRow, type BenchSection } from './report';

const DELTAS = 2_000;
const STREAM_WARMUP = 5;
const STREAM_REPS = 15;
const TTFT_WARMUP = 20;
const TTFT_REPS = 60;
const CONCURRENCIES = [1, 8, 32];

const EXPECTED_TEXT = Array.from({ length: DELTAS }, (_, i) => `t${i % 100} `).join('');

/** Collects garbage left by the previous measurement (when node runs with --expose-gc). */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function streamChecked(reader: StreamReader): Promise<void> {
  const { text } = await reader.stream(`stream-${DELTAS}`);
  if (text !== EXPECTED_TEXT) throw new Error(`${reader.name} read ${text.length} characters, expected ${EXPECTED_TEXT.length}`);
}

/** CPU ms (user + system, whole process) per delta for one 2,000-delta stream. */
async function cpuPerDelta(reader: StreamReader): Promise<number> {
  settle();
  const before = process.cpuUsage();
  await streamChecked(reader);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / DELTAS;
}

const STEADY_BLOCK = 10;
const STEADY_REPS = 5;

/**
 * CPU ms per delta over STEADY_BLOCK back-to-back streams with no forced GC: each reader pays for
 * its own garbage as collections happen, as in a long session. (cpuPerDelta forces a full GC before
 * every sample, which leaves the heap in a state a running extension never sees.)
 */
async function cpuPerDeltaSteady(reader: StreamReader): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < STEADY_BLOCK; i++) await streamChecked(reader);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (DELTAS * STEADY_BLOCK);
}

/** JS heap bytes allocated per delta: growth of the used heap plus what each GC in between freed. */
async function bytesPerDelta(reader: StreamReader): Promise<number> {
  settle();
  const profiler = new GCProfiler();
  profiler.start();
  const start = getHeapStatistics().used_heap_size;
  await streamChecked(reader);
  const end = getHeapStatistics().used_heap_size;
  const gcs = profiler.stop()?.statistics ?? [];
  const freed = gcs.reduce((sum, s) => sum + s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize, 0);
  return (end - start + freed) / DELTAS;
}

/** Runs `measure` on every reader `reps` times, rotating the order each round; medians by reader name. */
async function interleaved(readers: StreamReader[], reps: number, measure: (r: StreamReader) => Promise<number>): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(readers.map((r) => [r.name, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < readers.length; i++) {
      const reader = readers[(rep + i) % readers.length];
      samples.get(reader.name)!.push(await measure(reader));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

async function ttftMs(reader: StreamReader): Promise<number> {
  const { ttftMs: t } = await reader.stream('first-token');
  if (t < 0) throw new Error(`${reader.name} saw no first token`);
  return t;
}

function streamRows(steady: Map<string, number>, afterGc: Map<string, number>, bytes: Map<string, number>, names: Record<'ours' | 'raw' | 'sdk', string>): BenchRow[] {
  const us = (m: Map<string, number>, name: string) => m.get(name)! * 1000;
  const ours = us(steady, names.ours);
  const vsRaw = ours / us(steady, names.raw);
  const vsSdk = ours / us(steady, names.sdk);
  const rows: BenchRow[] = [
    { name: 'CPU per delta, ours vs raw node:http', value: ours, unit: 'µs', ratio: vsRaw, target: '<= 1.0x', pass: vsRaw <= 1.0 },
    { name: 'CPU per delta, ours vs openai SDK', value: ours, unit: 'µs', ratio: vsSdk, target: '<= 0.35x', pass: vsSdk <= 0.35 },
    { name: 'CPU per delta, raw node:http', value: us(steady, names.raw), unit: 'µs' },
    { name: 'CPU per delta, openai SDK', value: us(steady, names.sdk), unit: 'µs' },
  ];
  for (const [label, name] of [['ours', names.ours], ['raw node:http', names.raw], ['openai SDK', names.sdk]]) {
    rows.push({ name: `CPU per delta right after a full GC, ${label}`, value: us(afterGc, name), unit: 'µs', ratio: afterGc.get(name)! / afterGc.get(names.raw)! });
  }
  for (const [label, name] of [['ours', names.ours], ['raw node:http', names.raw], ['openai SDK', names.sdk]]) {
    rows.push({ name: `heap bytes per delta, ${label}`, value: bytes.get(name)!, unit: 'B', ratio: bytes.get(name)! / bytes.get(names.raw)! });
  }
  return rows;
}

function ttftRows(ttft: Map<string, number>, names: Record<'ours' | 'raw' | 'sdk', string>): BenchRow[] {
  const overhead = ttft.get(names.ours)! - ttft.get(names.raw)!;
  return [
    { name: 'TTFT overhead, ours minus raw', value: overhead, unit: 'ms', target: '<= 0.5 ms', pass: overhead <= 0.5 },
    { name: 'TTFT, ours', value: ttft.get(names.ours)!, unit: 'ms', ratio: ttft.get(names.ours)! / ttft.get(names.raw)! },
    { name: 'TTFT, raw node:http', value: ttft.get(names.raw)!, unit: 'ms' },
    { name: 'TTFT, openai SDK', value: ttft.get(names.sdk)!, unit: 'ms', ratio: ttft.get(names.sdk)! / ttft.get(names.raw)! },
  ];
}

function batchRows(ours: BatchOutcome, raw: BatchOutcome): BenchRow[] {
  const c = ours.concurrency;
  const ratio = ours.wallMs / ours.idealMs;
  const vsRaw = ours.wallMs / raw.wallMs;
  return [
    { name: `batch c=${c}: wall, ours vs ideal ${ours.idealMs} ms`, value: ours.wallMs, unit: 'ms', ratio, target: '<= 1.05x', pass: ratio <= 1.05 },
    { name: `batch c=${c}: wall, raw node:http vs ideal`, value: raw.wallMs, unit: 'ms', ratio: raw.wallMs / raw.idealMs },
    { name: `batch c=${c}: wall, ours vs raw node:http`, value: ours.wallMs, unit: 'ms', ratio: vsRaw, target: '<= 1.05x', pass: vsRaw <= 1.05 },
    { name: `batch c=${c}: sockets opened, ours`, value: ours.sockets, unit: 'sockets', target: `= ${c}`, pass: ours.sockets === c },
    { name: `batch c=${c}: sockets opened, raw node:http`, value: raw.sockets, unit: 'sockets' },
  ];
}

/** The machine's load when measured: above one per core, other processes share the CPUs and the timings. */
function loadNote(): string {
  const [one, five] = loadavg();
  const cores = availableParallelism();
  const busy = one > cores ? ' - busy machine: expect timings (TTFT, batch wall) to be inflated' : '';
  return `load average ${one.toFixed(1)} (1 min) / ${five.toFixed(1)} (5 min) on ${cores} cores${busy}.`;
}

export async function run(): Promise<BenchSection> {
  const sim = await startRemoteSimulator();
  const readers = [new RawReader(sim.url), new OursReader(sim.url), new OpenAiSdkReader(sim.url)];
  const [raw, ours, sdk] = readers;
  const names = { ours: ours.name, raw: raw.name, sdk: sdk.name };
  try {
    await interleaved(readers, STREAM_WARMUP, cpuPerDelta);
    // One unmeasured steady round: the forced GCs of the warm-ups shrink the heap, and the first
    // block after them pays for growing it again (every reader, 2-3x its steady cost).
    await interleaved(readers, 1, cpuPerDeltaSteady);
    const steady = await interleaved(readers, STEADY_REPS, cpuPerDeltaSteady);
    const afterGc = await interleaved(readers, STREAM_REPS, cpuPerDelta);
    const bytes = await interleaved(readers, 5, bytesPerDelta);
    await interleaved(readers, TTFT_WARMUP, ttftMs);
    const ttft = await interleaved(readers, TTFT_REPS, ttftMs);
    const batchRowsAll: BenchRow[] = [];
    for (const c of CONCURRENCIES) {
      const reps = c === 1 ? 1 : 5; // c=1 takes 10 s and varies little
      const { ours: o, raw: r } = await batchPair(sim, c, reps);
      batchRowsAll.push(...batchRows(o, r));
    }
    return {
      title: 'Relay client (simulator in its own process)',
      rows: [...streamRows(steady, afterGc, bytes, names), ...ttftRows(ttft, names), ...batchRowsAll],
      notes: [
        `stream: ${DELTAS} deltas per answer, readers interleaved after ${STREAM_WARMUP} warm-ups and one unmeasured steady round. Targets use the steady state: median of ${STEADY_REPS} blocks of ${STEADY_BLOCK} back-to-back answers, no forced GC;`,
        `"right after a full GC": median of ${STREAM_REPS} single answers, each after global.gc() (shown for comparison; a running extension does not force collections);`,
        'CPU = process.cpuUsage (user + system); heap bytes = used-heap growth plus bytes freed by GCs during the answer.',
        `TTFT: median of ${TTFT_REPS} one-delta answers per reader on warm keep-alive connections.`,
        `batch: ${BATCH_REQUESTS} non-streaming requests, ${BATCH_LATENCY_MS} ms simulated latency each, a fresh client (fresh sockets) per run, ours and raw runs alternating, median of 5 runs each for c > 1; ideal = ceil(${BATCH_REQUESTS}/c) x ${BATCH_LATENCY_MS} ms.`,
        loadNote(),
      ],
    };
  } finally {
    for (const r of readers) await r.close();
    await sim.close();
  }
}
