// The repository's own review rules, read from the work tree or, in PR mode, from the base ref
// (`git show REF:path`), so a pull request cannot rewrite the rules it is reviewed by:
// - REVIEW.md and .relay/review.md: general rules, sent with every file;
// - .github/instructions/*.instructions.md (Copilot's format): front matter `applyTo` globs; a file
//   with `excludeAgent: "code-review"` is not for the reviewer;
// - .relay/review.json: `pathInstructions: [{path, instructions}]`, and settings (include, exclude,
//   thresholds, model) that CLI flags override.
// The text sent with one file is capped (8,000 characters); a cut is reported.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { git } from './git';
import type { Severity } from './types';

export const MAX_RULES_CHARS = 8000;
export const GENERAL_RULES_FILES = ['REVIEW.md', '.relay/review.md'];
export const INSTRUCTIONS_DIR = '.github/instructions';
export const REVIEW_CONFIG_FILE = '.relay/review.json';

/** Where rules files are read from: the work tree or a git ref. Paths are relative to the repository root. */
export interface RulesReader {
  /** "the work tree" or "origin/main". */
  readonly from: string;
  read(path: string): Promise<string | null>;
  /** File names in a folder (not recursive). */
  list(dir: string): Promise<string[]>;
}

/** `from` of rules read from the work tree. */
export const WORK_TREE = 'the work tree';

export function workTreeReader(root: string): RulesReader {
  return {
    from: WORK_TREE,
    read: (path) => readFile(join(root, path), 'utf8').catch(() => null),
    list: async (dir) => (await readdir(join(root, dir), { withFileTypes: true }).catch(() => [])).filter((d) => d.isFile()).map((d) => d.name),
  };
}

/** Reads from `ref` in the repository at `top` (nothing from the work tree). */
export function gitRefReader(top: string, ref: string): RulesReader {
  return {
    from: ref,
    read: (path) => git(top, ['show', `${ref}:${path}`]).catch(() => null),
    list: async (dir) => {
      const out = await git(top, ['ls-tree', '--name-only', `${ref}:${dir}`]).catch(() => '');
      return out.split('\n').filter(Boolean);
    },
  };
}

/** `.relay/review.json`'s settings (each optional; CLI flags win). */
export interface ReviewConfig {
  include?: string[];
  exclude?: string[];
  minConfidence?: number;
  minSeverity?: Severity;
  maxFindingsPerFile?: number;
  model?: string;
}

interface PathRule {
  source: string;
  match: (path: string) => boolean;
  text: string;
}

export interface RulesForFile {
  text: string;
  sources: string[];
  truncated: boolean;
}

export interface ReviewRules {
  from: string;
  general: { source: string; text: string }[];
  paths: PathRule[];
  config: ReviewConfig;
  /** Rules files found but not used, and why (excludeAgent, no applyTo, unreadable JSON). */
  notes: string[];
}

/** Front matter of an instructions file: `key: value` lines between `---` fences (strings or [lists]). */
export function frontMatter(text: string): { data: Record<string, string[]>; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { data: {}, body: text };
  const data: Record<string, string[]> = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    let raw = kv[2].trim();
    if (raw.startsWith('[') && raw.endsWith(']')) raw = raw.slice(1, -1);
    else raw = unquote(raw);
    data[kv[1]] = raw.split(',').map((v) => unquote(v.trim()).trim()).filter(Boolean);
  }
  return { data, body: text.slice(m[0].length) };
}

function unquote(v: string): string {
  return v.replace(/^(['"])(.*)\1$/, '$2');
}

function globMatcher(globs: string[]): (path: string) => boolean {
  const m = picomatch(globs, { dot: true });
  // A glob without a slash also matches by base name (as in .gitignore and Copilot's applyTo "*.ts").
  const base = picomatch(globs.filter((g) => !g.includes('/')), { dot: true });
  return (path) => m(path) || base(path.slice(path.lastIndexOf('/') + 1));
}

function strings(x: unknown): string[] | undefined {
  if (typeof x === 'string') return [x];
  return Array.isArray(x) && x.every((s) => typeof s === 'string') ? x : undefined;
}

function configOf(value: Record<string, unknown>, notes: string[]): ReviewConfig {
  const c: ReviewConfig = {};
  const inc = strings(value.include);
  const exc = strings(value.exclude);
  if (inc) c.include = inc;
  if (exc) c.exclude = exc;
  const num = (k: 'minConfidence' | 'maxFindingsPerFile', ok: (n: number) => boolean) => {
    const v = value[k];
    if (typeof v === 'number' && ok(v)) c[k] = v;
    else if (v !== undefined) notes.push(`${REVIEW_CONFIG_FILE}: ${k} ignored (${JSON.stringify(v)})`);
  };
  num('minConfidence', (n) => n >= 0 && n <= 1);
  num('maxFindingsPerFile', (n) => Number.isInteger(n) && n >= 0);
  if (value.minSeverity === 'error' || value.minSeverity === 'warning' || value.minSeverity === 'info') c.minSeverity = value.minSeverity;
  else if (value.minSeverity !== undefined) notes.push(`${REVIEW_CONFIG_FILE}: minSeverity ignored (${JSON.stringify(value.minSeverity)})`);
  if (typeof value.model === 'string' && value.model.trim()) c.model = value.model.trim();
  return c;
}

async function readConfig(reader: RulesReader, rules: ReviewRules): Promise<void> {
  const text = await reader.read(REVIEW_CONFIG_FILE);
  if (text === null) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    rules.notes.push(`${REVIEW_CONFIG_FILE}: not JSON, ignored (${(e as Error).message})`);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  rules.config = configOf(o, rules.notes);
  const list = Array.isArray(o.pathInstructions) ? o.pathInstructions : [];
  list.forEach((item, i) => {
    const p = item as { path?: unknown; instructions?: unknown };
    const globs = strings(p?.path);
    if (!globs?.length || typeof p.instructions !== 'string' || !p.instructions.trim()) {
      rules.notes.push(`${REVIEW_CONFIG_FILE}: pathInstructions[${i}] needs "path" and "instructions"`);
      return;
    }
    rules.paths.push({ source: `${REVIEW_CONFIG_FILE} (${globs.join(', ')})`, match: globMatcher(globs), text: p.instructions.trim() });
  });
}

/** Every rules file the reader sees. */
export async function loadReviewRules(reader: RulesReader): Promise<ReviewRules> {
  const rules: ReviewRules = { from: reader.from, general: [], paths: [], config: {}, notes: [] };
  for (const source of GENERAL_RULES_FILES) {
    const text = (await reader.read(source))?.trim();
    if (text) rules.general.push({ source, text });
  }
  for (const name of (await reader.list(INSTRUCTIONS_DIR)).filter((n) => n.endsWith('.instructions.md')).sort()) {
    const source = `${INSTRUCTIONS_DIR}/${name}`;
    const text = await reader.read(source);
    if (text === null) continue;
    const { data, body } = frontMatter(text);
    if ((data.excludeAgent ?? []).some((a) => a.toLowerCase() === 'code-review')) {
      rules.notes.push(`${source}: excludeAgent "code-review", not used`);
      continue;
    }
    const applyTo = data.applyTo ?? [];
    if (!applyTo.length) {
      rules.notes.push(`${source}: no applyTo, not used`);
      continue;
    }
    if (body.trim()) rules.paths.push({ source, match: globMatcher(applyTo), text: body.trim() });
  }
  await readConfig(reader, rules);
  return rules;
}

/** The rules text for one file (a path relative to the repository root): general rules, then matching path rules, capped. */
export function rulesFor(rules: ReviewRules, repoPath: string, max = MAX_RULES_CHARS): RulesForFile {
  const parts = [...rules.general, ...rules.paths.filter((p) => p.match(repoPath))];
  if (!parts.length) return { text: '', sources: [], truncated: false };
  const text = parts.map((p) => `From ${p.source}:\n${p.text}`).join('\n\n');
  const truncated = text.length > max;
  return { text: truncated ? `${text.slice(0, max)}\n[…rules cut at ${max} characters]` : text, sources: parts.map((p) => p.source), truncated };
}

/** What the report says about the rules: the files used, where from, files whose rules were cut, notes. */
export interface RulesUsed {
  from: string;
  files: string[];
  truncatedFor: number;
  notes: string[];
}
