// Inline completions: a scripted typist types a real source file (bench/fixtures, mitt's src/index.ts,
// MIT) at a human rhythm into the pipeline, against the simulator answering after 150 ms, while a naive
// provider (one request per keystroke, aborting the previous) types the same keystrokes against a
// second simulator. The simulated model knows the file and is right 60 % of the time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionEngine } from '../src/core/complete/engine';
import { costOf } from '../src/core/relay/models';
import { createRelayClient, type RelayClient } from '../src/core/relay';
import { sseEvent } from '../test/support/sse';
import { startSimulator, type RecordedRequest, type Scenario, type Simulator } from '../test/support/simulator';
import { median, type BenchSection } from './report';

const LATENCY_MS = 150;
const CHARS = Number(process.env.BENCH_COMPLETION_CHARS ?? 600);
const ACCURACY = 0.6;
const MARKER = '// ---- end of attribution ----\n';
const SOURCE = (() => {
  const text = readFileSync(join(__dirname, 'fixtures', 'mitt-index.ts.txt'), 'utf8');
  return text.slice(text.indexOf(MARKER) + MARKER.length);
})();
const PRICES = { 'gpt-4.1-mini': { inputPrice: 0.4, outputPrice: 1.6 } };

/** Deterministic pseudo-random numbers (the same typist every run). */
function rng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Keystrokes: one character each; a line break brings its indentation (the editor's auto-indent). */
function keystrokes(text: string): string[] {
  return text.match(/\n[ \t]*|[\s\S]/g) ?? [];
}

/** Gap before a keystroke: bursts of 90-210 ms, longer after words and at line ends, now and then a pause. */
function gapBefore(prev: string, random: () => number): number {
  let gap = 90 + random() * 120;
  if (/[\s.,;(){}]/.test(prev)) gap += random() * 150;
  if (prev.startsWith('\n')) gap += 300 + random() * 700;
  if (random() < 0.04) gap += 800 + random() * 1200;
  return gap;
}

/** The simulated model: the file's real continuation (a line; two lines where a block opens), wrong 40 % of the time. */
function answerFor(prompt: string, stop: string[]): string {
  const tail = prompt.slice(-300);
  const at = SOURCE.indexOf(tail);
  if (at === -1 || !tail) return '';
  const n = at + tail.length;
  let end = SOURCE.indexOf('\n', n);
  if (end === n && stop.includes('\n\n')) end = SOURCE.indexOf('\n', n + 1);
  if (!stop.includes('\n') && !stop.includes('\n\n')) {
    const blank = SOURCE.indexOf('\n\n', n);
    // A block: at most its first two lines (models rarely get more right in one go).
    const second = SOURCE.indexOf('\n', SOURCE.indexOf('\n', n) + 1);
    end = Math.min(blank === -1 ? SOURCE.length : blank, second === -1 ? SOURCE.length : second, n + 160);
  }
  const truth = SOURCE.slice(n, end === -1 ? SOURCE.length : end);
  const right = ((n * 2654435761) % 1000) / 1000 < ACCURACY;
  return right ? truth : truth.slice(0, 1) + truth.slice(1).split('').reverse().join('');
}

interface Relay {
  sim: Simulator;
  answered: number[];
}

async function relay(): Promise<Relay> {
  const sim = await startSimulator();
  const answered: number[] = [];
  sim.setResponder((req: RecordedRequest): Scenario => {
    const body = req.body as { prompt?: string; stop?: string[] };
    const text = answerFor(String(body.prompt ?? ''), body.stop ?? []);
    answered.push(text.length);
    const pieces = text.match(/[\s\S]{1,8}/g) ?? [];
    const usage = { prompt_tokens: Math.ceil(String(body.prompt).length / 4), completion_tokens: Math.ceil(text.length / 4) };
    return { delayMs: LATENCY_MS, steps: [...pieces.map((p) => sseEvent({ choices: [{ index: 0, text: p, finish_reason: null }] })), sseEvent({ choices: [{ index: 0, text: '', finish_reason: 'stop' }], usage }), sseEvent('[DONE]')] };
  });
  return { sim, answered };
}

/** Dollars per hour of typing at a model's price, from what the relay received and answered. */
function perHour(r: Relay, model: string, typingMs: number): number {
  let usd = 0;
  r.sim.requests.forEach((req, i) => {
    const prompt = String(req.body.prompt ?? '') + String(req.body.suffix ?? '');
    usd += costOf({ model, usage: null, promptText: prompt, completionText: 'x'.repeat(r.answered[i] ?? 0), overrides: PRICES }).costUsd ?? 0;
  });
  return (usd / typingMs) * 3_600_000;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<BenchSection> {
  const ours = await relay();
  const naive = await relay();
  const client = createRelayClient({ baseUrl: ours.sim.url, env: {} });
  const naiveClient: RelayClient = createRelayClient({ baseUrl: naive.sim.url, env: {} });
  const engine = new CompletionEngine({
    client: async () => client,
    settings: () => ({ model: 'qwen2.5-coder:7b', api: 'fim', maxTokens: 128, debounceMs: 0 }),
    origin: () => ours.sim.url,
  });
  const random = rng(42);
  const keys = keystrokes(SOURCE.slice(0, CHARS));
  const shown: { ms: number; served: string }[] = [];
  let text = '';
  let typing: AbortController | null = null;
  let naiveReq: AbortController | null = null;
  const started = performance.now();
  for (let i = 0; i < keys.length; i++) {
    await sleep(gapBefore(keys[i - 1] ?? '\n', random));
    text += keys[i];
    const at = performance.now();
    typing?.abort();
    const controller = (typing = new AbortController());
    const doc = { path: 'src/index.ts', languageId: 'typescript', text, offset: text.length };
    void engine.provide({ doc, sources: [], invoked: false, signal: controller.signal }).then((s) => {
      if (!s || controller.signal.aborted) return;
      const ms = performance.now() - at;
      shown.push({ ms: s.served === 'request' ? Math.max(0, ms - LATENCY_MS) : ms, served: s.served });
    });
    naiveReq?.abort();
    const n = (naiveReq = new AbortController());
    naiveClient.complete({ model: 'qwen2.5-coder:7b', api: 'fim', prompt: text, suffix: '', maxTokens: 64, stop: ['\n'], stream: true, signal: n.signal }).catch(() => undefined);
  }
  const typingMs = performance.now() - started;
  await sleep(LATENCY_MS * 3);
  engine.dispose();
  naiveReq?.abort();
  await sleep(50);
  const inFlight = ours.sim.inFlight;
  await client.close();
  await naiveClient.close();
  await sleep(50);
  const openSockets = ours.sim.socketsOpened - ours.sim.socketsClosed;
  const typed = text.length;
  const per100 = (ours.sim.requests.length / typed) * 100;
  const naivePer100 = (naive.sim.requests.length / typed) * 100;
  const without = shown.filter((s) => s.served !== 'request').length / Math.max(1, shown.length);
  const times = shown.map((s) => s.ms).sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? NaN;
  const p50 = median(times);
  const served = ['request', 'reuse', 'forward', 'lru'].map((k) => `${k} ${shown.filter((s) => s.served === k).length}`).join(', ');
  await ours.sim.close();
  await naive.sim.close();
  return {
    title: `Inline completions: a typist types ${typed} characters of mitt's src/index.ts (simulator latency ${LATENCY_MS} ms)`,
    rows: [
      { name: 'requests per 100 typed characters', value: per100, unit: '', ratio: per100 / naivePer100, target: '<= 6', pass: per100 <= 6 },
      { name: 'naive baseline: request per keystroke', value: naivePer100, unit: '' },
      { name: 'shown suggestions served without a request', value: without * 100, unit: '%' },
      { name: 'keystroke to suggestion p50 (minus latency)', value: p50, unit: 'ms', target: '<= 15 ms', pass: p50 <= 15 },
      { name: 'keystroke to suggestion p95 (minus latency)', value: p95, unit: 'ms' },
      { name: 'requests still open after the typist stops', value: inFlight, unit: '', target: '0', pass: inFlight === 0 },
      { name: 'sockets left open after close', value: openSockets, unit: 'sockets', target: '0', pass: openSockets === 0 },
      { name: '$/hour of typing at gpt-4.1-mini', value: perHour(ours, 'gpt-4.1-mini', typingMs), unit: 'USD', ratio: perHour(ours, 'gpt-4.1-mini', typingMs) / perHour(naive, 'gpt-4.1-mini', typingMs) },
      { name: '$/hour of typing at deepseek-v3.2', value: perHour(ours, 'deepseek-v3.2', typingMs), unit: 'USD', ratio: perHour(ours, 'deepseek-v3.2', typingMs) / perHour(naive, 'deepseek-v3.2', typingMs) },
    ],
    notes: [
      `${keys.length} keystrokes over ${(typingMs / 1000).toFixed(0)} s (${Math.round((typed / typingMs) * 60_000)} characters/minute); ${shown.length} suggestions shown (${served}).`,
      `The simulated model answers with the file's real continuation ${ACCURACY * 100} % of the time; the typist never accepts, it types through.`,
      'Ratios: against the naive provider (a request per keystroke, the previous one aborted) typing the same keystrokes at the same time.',
      'Cost counts every request sent, aborted ones too, at ~4 characters per token.',
    ],
  };
}
