// The demo relay: a deterministic responder for the simulator, used by `npm start` without a
// real relay and by the E2E tier. It never pretends to be a model: chat answers say they come
// from the demo; refactor applies real mechanical rewrites; review runs simple real checks.
import { EXPLAIN_SYSTEM_PROMPT, REFACTOR_SYSTEM_PROMPT } from '../../src/core/edit/prompts';
import { REVIEW_SYSTEM_PROMPT } from '../../src/core/review/prompt';
import { CHAT_SYSTEM_PROMPT } from '../../src/core/complete/request';
import { demoChatCompletion, demoCompletionScenario } from './demoCompletions';
import { createBatchSim, type BatchSim, type LineAnswer } from './batchSim';
import type { RecordedRequest, Responder, Scenario } from './simulator';
import { completion, completionScenario, modelList, streamScenario } from './sse';
import { messagesOf as turnsOf, reasoningResponder } from './reasoningRelay';

const DEMO_REASONING = 'The demo relay shows how a reasoning model streams a summary of its thinking before the answer. ';

/** Served like OpenAI serves them (reasoningRelay.ts): a reasoning model that rejects temperature, and a Responses-only model. */
export const DEMO_REASONING_MODELS = ['gpt-5-mini', 'gpt-5-codex'];
export const DEMO_MODELS = ['gpt-4.1', 'deepseek-v3.2', 'claude-sonnet-4.5', 'demo-echo', ...DEMO_REASONING_MODELS];
const LONG_LINE = 120;

export interface DemoOptions {
  /** Pause between streamed deltas (ms), so a person (or a test) sees the answer stream. Default 40. */
  deltaDelayMs?: number;
  /** The Batch API it serves (default: one answering each line like the live path, over a few status checks). */
  batches?: BatchSim;
}

export interface Finding {
  line: number;
  endLine?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  rule: string;
}

interface Message {
  role: string;
  content: string;
}

/** The responder to pass to `simulator.setResponder`. */
export function demoResponder(options: DemoOptions = {}): Responder {
  const delayMs = options.deltaDelayMs ?? 40;
  const batches = options.batches ?? createBatchSim({ answer: demoBatchAnswer, pollsInProgress: 2 });
  const reasoning = reasoningResponder({ answer: answerFor, delayMs, reasoning: DEMO_REASONING });
  return (req: RecordedRequest): Scenario => {
    const batch = batches.handle(req);
    if (batch) return batch;
    if (req.method === 'POST' && (req.path.endsWith('/responses') || DEMO_REASONING_MODELS.includes(req.body?.model))) return reasoning(req);
    if (req.method === 'GET' && req.path.endsWith('/models')) return { body: modelList(DEMO_MODELS) };
    const inline = demoCompletionScenario(req);
    if (inline) return inline;
    if (req.method !== 'POST' || !req.path.endsWith('/chat/completions')) {
      return { status: 404, body: { error: { message: `The demo relay has no ${req.method} ${req.path}`, type: 'not_found' } } };
    }
    const messages = messagesOf(req.body);
    const answer = answerFor(messages);
    const usage = { prompt_tokens: Math.ceil(JSON.stringify(messages).length / 4), completion_tokens: Math.ceil(answer.length / 4) };
    if (req.body?.stream !== true) return completionScenario(answer, usage);
    return streamScenario(splitIntoDeltas(answer), { usage, delayMs });
  };
}

/** One batch line answered as the live path would answer it. */
export function demoBatchAnswer(body: Record<string, unknown>): LineAnswer {
  const messages = messagesOf(body);
  const answer = answerFor(messages);
  return { status: 200, body: completion(answer, { prompt_tokens: Math.ceil(JSON.stringify(messages).length / 4), completion_tokens: Math.ceil(answer.length / 4) }) };
}

/** The turns as text (content parts, as sent with cache_control marks or images, joined). */
function messagesOf(body: unknown): Message[] {
  return typeof body === 'object' && body !== null ? turnsOf(body as Record<string, unknown>) : [];
}

/** Which job a request is for, told by the prompts the extension sends. */
export function answerFor(messages: Message[]): string {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const hole = system.includes(CHAT_SYSTEM_PROMPT) ? demoChatCompletion(user) : null;
  if (hole !== null) return hole;
  if (system.includes(REVIEW_SYSTEM_PROMPT)) return JSON.stringify({ findings: reviewNumberedLines(user) });
  if (system.includes(REFACTOR_SYSTEM_PROMPT)) return refactorAnswer(user);
  if (user.includes(EXPLAIN_SYSTEM_PROMPT)) return explainAnswer(user);
  return chatAnswer(user);
}

/** Deltas of a few words each (whitespace kept), so the answer arrives in pieces. */
export function splitIntoDeltas(text: string, wordsPerDelta = 3): string[] {
  const words = text.match(/\S*\s*/g)?.filter((w) => w !== '') ?? [];
  const deltas: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerDelta) deltas.push(words.slice(i, i + wordsPerDelta).join(''));
  return deltas.length > 0 ? deltas : [text];
}

// ---- chat -------------------------------------------------------------------------------

function chatAnswer(question: string): string {
  const topic = question.trim().split('\n')[0].slice(0, 80) || '(empty message)';
  const lines = [
    '**Demo relay** — this answer comes from the built-in demo relay, not from a language model.',
    `You asked: *${topic.replace(/[*_`]/g, '')}*`,
    '',
    'Set `RELAY_BASE_URL` and `RELAY_API_KEY` before `npm start` (or run **Relay Assistant: Set API Key** and set',
    '`relayAssistant.baseUrl`) to talk to a real model. Meanwhile, here is a code block to show the rendering:',
    '',
    '```ts',
    'function greet(name: string): string {',
    '  return `Hello, ${name}!`;',
    '}',
    '```',
  ];
  if (/\blong\b/i.test(question)) lines.push('', ...longParagraphs());
  return lines.join('\n');
}

/** Asked for something "long", the demo streams for several seconds (handy to try Stop). */
function longParagraphs(): string[] {
  const out: string[] = [];
  for (let i = 1; i <= 40; i++) out.push(`${i}. The demo relay keeps streaming this numbered line so there is time to press Stop.`);
  return out;
}

// ---- explain ----------------------------------------------------------------------------

function explainAnswer(prompt: string): string {
  const code = selectedCode(prompt);
  const lines = code.split('\n');
  const functions = [...code.matchAll(/\b(?:function|def)\s+([A-Za-z_$][\w$]*)/g)].map((m) => `\`${m[1]}\``);
  const findings = reviewLines(lines);
  const parts = [
    '**Demo relay** — a mechanical summary, not a model\'s explanation.',
    '',
    `- The selection has ${lines.length} line${lines.length === 1 ? '' : 's'}.`,
    functions.length ? `- It declares ${functions.join(', ')}.` : '- It declares no named functions.',
    ...findings.map((f) => `- Line ${f.line}: ${f.message}`),
    '',
    'First line of the selection:',
    '',
    '```',
    lines[0] ?? '',
    '```',
  ];
  return parts.join('\n');
}

/** The code after "Selected code:" (Explain), else the last fenced block. */
function selectedCode(prompt: string): string {
  const marker = prompt.indexOf('Selected code:');
  const blocks = fencedBlocks(marker >= 0 ? prompt.slice(marker) : prompt);
  return blocks[0] ?? lastFencedBlock(prompt)?.code ?? '';
}

// ---- refactor ---------------------------------------------------------------------------

interface FencedBlock {
  language: string;
  code: string;
}

function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/^(`{3,}|~{3,})([^\n`]*)\n([\s\S]*?)\n\1[ \t]*$/gm)].map((m) => m[3]);
}

/** The last fenced block of a message (the refactor prompt puts the selected code there). */
export function lastFencedBlock(text: string): FencedBlock | null {
  const all = [...text.matchAll(/^(`{3,}|~{3,})([^\n`]*)\n([\s\S]*?)\n\1[ \t]*$/gm)];
  const last = all[all.length - 1];
  return last ? { language: last[2].trim(), code: last[3] } : null;
}

function refactorAnswer(user: string): string {
  const block = lastFencedBlock(user);
  if (!block) return 'The demo relay found no fenced code block to refactor.';
  const code = block.language === 'python' ? refactorPython(block.code) : refactorJavaScript(block.code);
  return '```' + block.language + '\n' + code + '\n```';
}

function trimTrailingWhitespace(code: string): string {
  return code.replace(/[ \t]+$/gm, '');
}

/** var -> let/const, == -> ===, != -> !==, trailing whitespace trimmed, a JSDoc line on undocumented functions. */
export function refactorJavaScript(code: string): string {
  let out = trimTrailingWhitespace(code);
  out = out.replace(/(^|[^=!<>])(==|!=)(?!=)/g, (_m, before: string, op: string) => `${before}${op}=`);
  out = out.replace(/\bvar\s+([A-Za-z_$][\w$]*)/g, (_m, name: string) => `${isReassigned(out, name) ? 'let' : 'const'} ${name}`);
  return addJsDoc(out);
}

function isReassigned(code: string, name: string): boolean {
  const escaped = name.replace(/\$/g, '\\$');
  const assignments = code.match(new RegExp(`(^|[^\\w$.])${escaped}\\s*(=(?!=)|\\+\\+|--|[-+*/%&|^]=)|(\\+\\+|--)${escaped}\\b`, 'g')) ?? [];
  const declarations = code.match(new RegExp(`\\b(var|let|const)\\s+${escaped}\\s*=`, 'g')) ?? [];
  return assignments.length > declarations.length;
}

function addJsDoc(code: string): string {
  const lines = code.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const fn = /^(\s*)(?:export\s+)?(?:async\s+)?function\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)/.exec(line);
    const previous = out[out.length - 1]?.trim() ?? '';
    if (fn && !previous.endsWith('*/')) {
      const params = fn[3].split(',').map((p) => p.trim().split(/[\s:=]/)[0]).filter(Boolean);
      out.push(`${fn[1]}/** ${fn[2]}(${params.join(', ')}). */`);
    }
    out.push(line);
  }
  return out.join('\n');
}

/** == None -> is None, != None -> is not None, trailing whitespace trimmed. */
export function refactorPython(code: string): string {
  return trimTrailingWhitespace(code).replace(/\s*!=\s*None\b/g, ' is not None').replace(/\s*==\s*None\b/g, ' is None');
}

// ---- review -----------------------------------------------------------------------------

/** Findings for a review prompt's `N | code` lines; numbers are the ones shown in the prompt. */
export function reviewNumberedLines(user: string): Finding[] {
  const numbered = new Map<number, string>();
  for (const line of user.split('\n')) {
    const m = /^(\d+) \| ?(.*)$/.exec(line);
    if (m) numbered.set(Number(m[1]), m[2]);
  }
  const count = Math.max(0, ...numbered.keys());
  const lines = Array.from({ length: count }, (_, i) => numbered.get(i + 1) ?? '');
  return reviewLines(lines);
}

/** Simple, real checks: long lines, TODO/FIXME, leftover console.log/print, empty catch/except blocks. */
export function reviewLines(lines: string[]): Finding[] {
  const findings: Finding[] = [];
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.length > LONG_LINE) findings.push({ line, severity: 'info', rule: 'long-line', message: `Line is ${text.length} characters long (over ${LONG_LINE}).` });
    const todo = /\b(TODO|FIXME)\b:?\s*(.*)$/.exec(text);
    if (todo) findings.push({ line, severity: 'info', rule: 'todo', message: `${todo[1]} left in the code: ${todo[2].trim() || '(no text)'}` });
    if (/\bconsole\.(log|debug)\s*\(/.test(text) || /^\s*print\s*\(/.test(text)) {
      findings.push({ line, severity: 'warning', rule: 'debug-output', message: 'Debug output left in the code.' });
    }
    const empty = emptyHandlerEnd(lines, i);
    if (empty !== null) findings.push({ line, endLine: empty, severity: 'warning', rule: 'empty-catch', message: 'Empty error handler: the error is silently ignored.' });
  });
  return findings;
}

/** 1-based last line of an empty catch/except starting at index i, or null. */
function emptyHandlerEnd(lines: string[], i: number): number | null {
  const text = lines[i];
  if (/\bcatch\s*(\([^)]*\))?\s*\{\s*\}/.test(text)) return i + 1;
  if (/\bcatch\s*(\([^)]*\))?\s*\{\s*$/.test(text)) {
    const next = nextNonBlank(lines, i + 1);
    return next !== null && lines[next].trim() === '}' ? next + 1 : null;
  }
  if (/^\s*except\b[^:]*:\s*$/.test(text)) {
    const next = nextNonBlank(lines, i + 1);
    return next !== null && lines[next].trim() === 'pass' ? next + 1 : null;
  }
  return null;
}

function nextNonBlank(lines: string[], from: number): number | null {
  for (let j = from; j < lines.length; j++) if (lines[j].trim() !== '') return j;
  return null;
}
