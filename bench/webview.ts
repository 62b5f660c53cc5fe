// Webview rendering in real headless Chromium: the built chat bundle in a plain page with a fake
// acquireVsCodeApi. A 200-message history, then a 20,000-token answer fed as coalesced deltas.
// Reports frame times and CPU per 1,000 tokens at the start and the end of the answer (their
// ratio shows whether cost grows with length), and a naive full re-render as the baseline.
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { BenchRow, BenchSection } from './report';
import { history, longAnswer, toDeltas } from './webview-content';
import { HARNESS, pageHtml } from './webview-page';

const TITLE = 'Chat webview rendering (headless Chromium)';
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..');
const HISTORY_MESSAGES = 200;
const ANSWER_TOKENS = 20_000;
const TOKENS_PER_DELTA = 4;
const DELTAS_PER_FRAME = 12;
const FRAME_BUDGET_MS = 50;
const NAIVE_REPS = 5;

interface HistoryResult {
  ms: number;
  firstFrame: number;
  firstWork: number;
  maxGap: number;
  p99Gap: number;
  frames: number;
  maxLongTask: number;
}
interface StreamResult extends HistoryResult {
  costs: number[];
  finishMs: number;
  state: string;
  codeBlocks: number;
  textLength: number;
}

async function buildBundles(dir: string): Promise<void> {
  const common = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'silent' } as const;
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'src/webview/main.ts')], outfile: join(dir, 'webview.js'), loader: { '.ttf': 'file' }, assetNames: '[name]' });
  await esbuild.build({
    ...common,
    stdin: { contents: "import { renderMarkdown } from './src/webview/markdown'; (window as any).__renderMarkdown = renderMarkdown;", resolveDir: ROOT, loader: 'ts' },
    outfile: join(dir, 'markdown.js'),
  });
  writeFileSync(join(dir, 'harness.js'), HARNESS);
  writeFileSync(join(dir, 'index.html'), pageHtml());
}

/** CPU ms for 1,000 tokens from per-frame costs over a window of frames. */
function perThousand(costs: number[]): number {
  const tokens = costs.length * DELTAS_PER_FRAME * TOKENS_PER_DELTA;
  return (costs.reduce((a, b) => a + b, 0) * 1000) / tokens;
}

async function measure(page: Page) {
  const hist = (await page.evaluate(`window.bench.history(${JSON.stringify(history(HISTORY_MESSAGES))})`)) as HistoryResult;
  const answer = longAnswer(ANSWER_TOKENS);
  const deltas = toDeltas(answer.text, TOKENS_PER_DELTA);
  const stream = (await page.evaluate(`window.bench.stream(${JSON.stringify(deltas)}, ${DELTAS_PER_FRAME})`)) as StreamResult;
  if (stream.state !== 'done' || stream.codeBlocks !== answer.codeBlocks) {
    throw new Error(`the answer rendered wrongly: state ${stream.state}, ${stream.codeBlocks} of ${answer.codeBlocks} code blocks`);
  }
  const naive = (await page.evaluate(`window.bench.naive(${JSON.stringify(answer.text)}, ${NAIVE_REPS})`)) as number;
  return { hist, stream, naive, answer, deltas };
}

function rows(m: Awaited<ReturnType<typeof measure>>): BenchRow[] {
  const window = Math.ceil(1000 / (DELTAS_PER_FRAME * TOKENS_PER_DELTA));
  const start = perThousand(m.stream.costs.slice(0, window));
  const end = perThousand(m.stream.costs.slice(-window));
  const endFrame = end / (1000 / (DELTAS_PER_FRAME * TOKENS_PER_DELTA));
  const worstWork = Math.max(...m.stream.costs);
  const longest = Math.max(m.hist.maxLongTask, m.stream.maxLongTask);
  return [
    { name: `History: first frame of ${HISTORY_MESSAGES} messages, work (CPU)`, value: m.hist.firstWork, unit: 'ms', target: `<= ${FRAME_BUDGET_MS} ms`, pass: m.hist.firstWork <= FRAME_BUDGET_MS },
    { name: 'History: first frame on screen (wall clock)', value: m.hist.firstFrame, unit: 'ms' },
    { name: `History: all ${HISTORY_MESSAGES} messages in the page`, value: m.hist.ms, unit: 'ms' },
    { name: 'History: longest frame', value: m.hist.maxGap, unit: 'ms', target: `<= ${FRAME_BUDGET_MS} ms`, pass: m.hist.maxGap <= FRAME_BUDGET_MS },
    { name: 'History: 99th percentile frame', value: m.hist.p99Gap, unit: 'ms' },
    { name: 'Answer: CPU per 1,000 tokens, first 1,000', value: start, unit: 'ms' },
    { name: 'Answer: CPU per 1,000 tokens, last 1,000', value: end, unit: 'ms', ratio: end / start, target: '<= 2x first (no quadratic growth)', pass: end <= 2 * start },
    { name: 'Answer: longest frame', value: m.stream.maxGap, unit: 'ms', target: `<= ${FRAME_BUDGET_MS} ms`, pass: m.stream.maxGap <= FRAME_BUDGET_MS },
    { name: `Answer: 99th percentile frame (of ${m.stream.frames})`, value: m.stream.p99Gap, unit: 'ms' },
    { name: 'Answer: most work in one frame', value: worstWork, unit: 'ms', target: `<= ${FRAME_BUDGET_MS} ms`, pass: worstWork <= FRAME_BUDGET_MS },
    { name: 'Answer: work per frame at the end, ours / naive full re-render', value: endFrame, unit: 'ms', ratio: endFrame / m.naive, target: '< 1x naive', pass: endFrame < m.naive },
    { name: 'Answer: final render when it finishes', value: m.stream.finishMs, unit: 'ms', target: `<= ${FRAME_BUDGET_MS} ms`, pass: m.stream.finishMs <= FRAME_BUDGET_MS },
    { name: 'Longest task seen (PerformanceObserver longtask)', value: longest, unit: 'ms', target: `<= ${FRAME_BUDGET_MS} ms`, pass: longest <= FRAME_BUDGET_MS },
  ];
}

export async function run(): Promise<BenchSection> {
  if (!existsSync(CHROMIUM)) {
    return { title: TITLE, rows: [], notes: [`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROME_PATH. Not measured.`] };
  }
  const dir = mkdtempSync(join(tmpdir(), 'relay-webview-bench-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
  try {
    await buildBundles(dir);
    const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.waitForFunction("window.__posted.some((m) => m.type === 'ready')");
    const m = await measure(page);
    return {
      title: TITLE,
      rows: rows(m),
      notes: [
        `${HISTORY_MESSAGES}-message history, then a ${ANSWER_TOKENS.toLocaleString('en-US')}-token answer (${m.answer.text.length.toLocaleString('en-US')} characters, ${m.answer.codeBlocks} code blocks) as ${m.deltas.length.toLocaleString('en-US')} deltas of ~${TOKENS_PER_DELTA} tokens, ${DELTAS_PER_FRAME} deltas per frame.`,
        `Machine load average when measured: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${cpus().length} cores (frame times include time the renderer was not scheduled).`,
        `CPU per frame = delta dispatch + render + layout, measured between two animation-frame callbacks around the view's own. Naive baseline: re-rendering the whole answer's Markdown once (${m.naive.toFixed(1)} ms), which a re-render-everything view pays every frame at the end.`,
      ],
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
