// Masks the secrets in a request's messages and says where each was, in the user's terms: the
// file and line it came from when the message quotes a file (chat chips, Explain, Refactor).
import type { ChatMessage } from '../relay/types';
import type { SecretFinding } from './detect';
import type { SecretMasker } from './mask';

export interface MaskedInRequest {
  label: string;
  /** "src/config.ts, line 3", or "your message, line 2" when no file is named. */
  where: string;
}

/** `File src/a.ts (ts):`, `Selection from src/a.ts:3-9 (ts):` (chat), `File: src/a.ts (ts), lines 3-9.` (edit). */
const HEADER = /^(?:File|Selection from):? (.+?)(?::(\d+)(?:-\d+)?)? \([^)]*\)(?:, lines (\d+)(?:-(\d+))?)?[.:]/;
const FENCE = /^(`{3,}|~{3,})/;

interface Block {
  path: string;
  /** File line of the block's first content line. */
  firstLine: number;
}

/** Where line `line` (1-based) of `content` comes from. */
function locate(content: string, line: number): string {
  const lines = content.split(/\r\n|\r|\n/);
  let header: { path: string; start: number; end: number } | null = null;
  let block: Block | null = null;
  let blockStartIndex = -1;
  let fence = '';
  let label = '';
  for (let i = 0; i < line - 1 && i < lines.length; i++) {
    const text = lines[i];
    if (block && text.startsWith(fence) && text.trim() === fence) {
      block = null;
      continue;
    }
    if (block) continue;
    const h = HEADER.exec(text);
    if (h) {
      const start = Number(h[2] ?? h[3] ?? 1);
      header = { path: h[1], start, end: Number(h[4] ?? start) };
      continue;
    }
    const f = FENCE.exec(text);
    if (f && header) {
      fence = f[1];
      blockStartIndex = i + 1;
      block = { path: header.path, firstLine: firstLineOf(header, label, lines, i) };
      continue;
    }
    if (text.trim()) label = text;
  }
  if (!block) return `your message, line ${line}`;
  return `${block.path}, line ${block.firstLine + (line - 1 - blockStartIndex)}`;
}

/** Explain quotes context around the selection: a block before starts that many lines earlier, one after starts after it. */
function firstLineOf(header: { start: number; end: number }, label: string, lines: string[], fenceIndex: number): number {
  if (/^Lines before/.test(label)) {
    let n = 0;
    for (let j = fenceIndex + 1; j < lines.length && !FENCE.test(lines[j]); j++) n++;
    return header.start - n;
  }
  if (/^Lines after/.test(label)) return header.end + 1;
  return header.start;
}

/** The messages with every secret masked (same masker: one secret, one placeholder), and what was masked where. */
export function maskMessages(messages: ChatMessage[], masker: SecretMasker): { messages: ChatMessage[]; masked: MaskedInRequest[] } {
  const masked: MaskedInRequest[] = [];
  const seen = new Set<string>();
  const out = messages.map((m) => {
    const { text, findings } = masker.mask(m.content);
    for (const f of findings) note(m.content, f);
    const toolCalls = m.toolCalls?.map((call) => {
      const args = mapJsonStrings(call.arguments, (value) => {
        const r = masker.mask(value);
        for (const f of r.findings) note('', f, `the arguments of tool call ${call.name}`);
        return r.text;
      });
      return args === call.arguments ? call : { ...call, arguments: args };
    });
    const callsChanged = toolCalls?.some((c, i) => c !== m.toolCalls?.[i]);
    return findings.length || callsChanged ? { ...m, content: text, ...(callsChanged ? { toolCalls } : {}) } : m;
  });
  return { messages: out, masked };

  function note(content: string, f: SecretFinding, where = locate(content, f.line)): void {
    const item = { label: f.label, where };
    const key = `${item.label}|${item.where}`;
    if (seen.has(key)) return;
    seen.add(key);
    masked.push(item);
  }
}

/** "an AWS access key (src/config.ts, line 3) and a private key (keys.py, line 12)". */
export function describeMasked(masked: MaskedInRequest[]): string {
  const parts = masked.map((m) => `${m.label} (${m.where})`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * `fn` applied to every string value of a tool call's JSON arguments (masking and restoring work on
 * values, so a secret with quotes or line breaks stays valid JSON); arguments that are not JSON are
 * treated as one text. Unchanged arguments come back as the same string.
 */
export function mapJsonStrings(args: string, fn: (value: string) => string): string {
  let changed = false;
  const apply = (value: string) => {
    const out = fn(value);
    if (out !== value) changed = true;
    return out;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return apply(args);
  }
  const mapped = walk(parsed, apply);
  return changed ? JSON.stringify(mapped) : args;
}

function walk(v: unknown, fn: (value: string) => string): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, fn));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, fn)]));
  return v;
}
