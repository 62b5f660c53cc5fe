// The demo relay's inline completions: /completions with `suffix` (and raw FIM prompts),
// Codestral's /fim/completions, llama.cpp's /infill and the chat hole-filling prompt, answered with
// plausible code (the rest of a line seen earlier in the file, or a few idioms), streamed.
import { HOLE } from '../../src/core/complete/request';
import type { RecordedRequest, Scenario, Step } from './simulator';
import { sseEvent } from './sse';

/** A completion for the text before the cursor ('' when the demo has nothing plausible). */
export function demoCompletion(prefix: string, suffix = ''): string {
  const line = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const typed = line.trimStart();
  const indent = line.slice(0, line.length - typed.length);
  if (typed.length >= 3) {
    // The rest of an earlier line that starts the same way (the file's own patterns).
    const earlier = prefix
      .slice(0, prefix.length - line.length)
      .split('\n')
      .reverse()
      .map((l) => l.trimStart())
      .find((l) => l.startsWith(typed) && l.length > typed.length);
    if (earlier) {
      // Before an auto-closed bracket: stop where the earlier line closes it.
      const rest = earlier.slice(typed.length);
      const closer = suffix.split('\n')[0].trim()[0];
      return closer && rest.includes(closer) ? rest.slice(0, rest.lastIndexOf(closer)) : rest;
    }
  }
  const rules: [RegExp, string][] = [
    [/console\.$/, "log('demo:', value);"],
    [/return $/, 'result;'],
    [/import $/, "{ readFile } from 'node:fs/promises';"],
    [/function ([A-Za-z_$][\w$]*)\($/, 'a, b) {'],
    [/const ([A-Za-z_$][\w$]*) = $/, 'compute();'],
    [/\/\/ $/, 'Demo relay: a completion from the simulator.'],
    [/if \($/, 'value === undefined) {'],
  ];
  for (const [re, text] of rules) if (re.test(typed)) return text.startsWith('a, b)') && suffix.trimStart().startsWith(')') ? 'a, b' : text;
  if (/[{:]\s*$/.test(typed)) return `\n${indent}  // Demo relay: the body goes here.\n${indent}  return undefined;`;
  if (!typed) return `// Demo relay: ghost text at line ${prefix.split('\n').length}.`;
  return '';
}

/** Splits a completion into streamed pieces of a few characters. */
function streamed(pieces: string[], chunkOf: (text: string, last: boolean) => object, delayMs: number, done: boolean): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (delayMs && i) steps.push({ delayMs });
    steps.push(sseEvent(chunkOf(pieces[i], false)));
  }
  steps.push(sseEvent(chunkOf('', true)));
  if (done) steps.push(sseEvent('[DONE]'));
  return steps;
}

function piecesOf(text: string): string[] {
  return text.match(/[\s\S]{1,6}/g) ?? [];
}

const usageOf = (prompt: string, text: string) => ({ prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: Math.ceil(text.length / 4), total_tokens: Math.ceil((prompt.length + text.length) / 4) });

/** The FIM prompt of a raw template: the part between the prefix token and the hole token, and after it. */
function fromTemplate(prompt: string): { prefix: string; suffix: string } {
  const m = /(?:<\|fim_prefix\|>|<fim_prefix>|<｜fim▁begin｜>|<PRE> )([\s\S]*?)(?:<\|fim_suffix\|>|<fim_suffix>|<｜fim▁hole｜>| <SUF>)([\s\S]*?)(?:<\|fim_middle\|>|<fim_middle>|<｜fim▁end｜>| <MID>)/.exec(prompt);
  if (m) return { prefix: m[1], suffix: m[2] };
  const c = /^\[SUFFIX\]([\s\S]*?)\[PREFIX\]([\s\S]*)$/.exec(prompt);
  return c ? { prefix: c[2], suffix: c[1] } : { prefix: prompt, suffix: '' };
}

/** The answer to an inline completion request, or null when the request is not one. */
export function demoCompletionScenario(req: RecordedRequest, delayMs = 10): Scenario | null {
  if (req.method !== 'POST') return null;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const stream = body.stream === true;
  if (req.path.endsWith('/infill')) {
    const prefix = String(body.input_prefix ?? '');
    const text = demoCompletion(prefix, String(body.input_suffix ?? ''));
    const chunkOf = (t: string, last: boolean) => (last ? { content: '', stop: true, tokens_evaluated: Math.ceil(prefix.length / 4), tokens_predicted: Math.ceil(text.length / 4) } : { content: t, stop: false });
    return stream ? { steps: streamed(piecesOf(text), chunkOf, delayMs, false) } : { body: { ...chunkOf('', true), content: text } };
  }
  if (!req.path.endsWith('/completions') || req.path.endsWith('/chat/completions')) return null;
  const prompt = String(body.prompt ?? '');
  const { prefix, suffix } = body.suffix === undefined ? fromTemplate(prompt) : { prefix: prompt, suffix: String(body.suffix) };
  const text = demoCompletion(prefix, suffix);
  const usage = usageOf(prompt + suffix, text);
  const fim = req.path.endsWith('/fim/completions');
  const chunkOf = (t: string, last: boolean) => {
    const choice = fim ? { index: 0, delta: { content: t }, finish_reason: last ? 'stop' : null } : { index: 0, text: t, finish_reason: last ? 'stop' : null };
    return { id: 'cmpl-demo', object: 'text_completion', model: String(body.model ?? 'demo'), choices: [choice], ...(last ? { usage } : {}) };
  };
  if (!stream) return { body: { id: 'cmpl-demo', object: 'text_completion', choices: [fim ? { index: 0, message: { content: text }, finish_reason: 'stop' } : { index: 0, text, finish_reason: 'stop' }], usage } };
  return { steps: streamed(piecesOf(text), chunkOf, delayMs, true) };
}

/** The chat hole-filling prompt's answer (null when the user message has no hole). */
export function demoChatCompletion(user: string): string | null {
  const i = user.indexOf(HOLE);
  if (i === -1) return null;
  const start = user.lastIndexOf('```\n', i);
  const end = user.indexOf('\n```', i);
  return demoCompletion(user.slice(start === -1 ? 0 : start + 4, i), user.slice(i + HOLE.length, end === -1 ? undefined : end));
}
