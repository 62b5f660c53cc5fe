// FIM prompt templates per model family (the `template` backend: a raw prompt on /completions, for
// vLLM and LM Studio), with the stop tokens each family needs. The family is told by the model id.
import type { Snippet } from './context';

export type Family = 'qwen' | 'deepseek' | 'codellama' | 'starcoder' | 'codestral' | 'codegemma' | 'granite';

export interface FimTemplate {
  family: Family;
  /** The raw prompt: snippets (as other files), the current file's path, prefix, hole, suffix. */
  build(prefix: string, suffix: string, snippets: readonly Snippet[], path: string): string;
  stop: string[];
}

const FAMILIES: [RegExp, Family][] = [
  [/qwen.*coder|qwen-?2\.5.*code|qwen3.*coder/i, 'qwen'],
  [/deepseek.*coder/i, 'deepseek'],
  [/codellama|code-llama/i, 'codellama'],
  [/starcoder/i, 'starcoder'],
  [/codestral|devstral/i, 'codestral'],
  [/codegemma/i, 'codegemma'],
  [/granite.*code/i, 'granite'],
];

/** The FIM family of a model id, or null when its FIM tokens are unknown. */
export function familyOf(model: string): Family | null {
  for (const [re, family] of FAMILIES) if (re.test(model)) return family;
  return null;
}

/** Snippets as a leading block of `<sep>path\ntext` entries (families trained with file separators). */
function fileSeparated(sep: string, snippets: readonly Snippet[], path: string): string {
  if (!snippets.length) return '';
  return snippets.map((s) => `${sep}${s.path}\n${s.text}\n`).join('') + `${sep}${path}\n`;
}

const TEMPLATES: Record<Family, FimTemplate> = {
  qwen: {
    family: 'qwen',
    build: (p, s, sn, path) => `${sn.length ? '<|repo_name|>workspace\n' + fileSeparated('<|file_sep|>', sn, path) : ''}<|fim_prefix|>${p}<|fim_suffix|>${s}<|fim_middle|>`,
    stop: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|file_sep|>', '<|repo_name|>', '<|im_end|>'],
  },
  deepseek: {
    family: 'deepseek',
    build: (p, s, sn, path) => `<｜fim▁begin｜>${commentBlock(sn, path)}${p}<｜fim▁hole｜>${s}<｜fim▁end｜>`,
    stop: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<|EOT|>'],
  },
  codellama: {
    family: 'codellama',
    build: (p, s, sn, path) => `<PRE> ${commentBlock(sn, path)}${p} <SUF>${s} <MID>`,
    stop: ['<PRE>', '<SUF>', '<MID>', '<EOT>', '</s>'],
  },
  starcoder: {
    family: 'starcoder',
    build: (p, s, sn, path) => `${fileSeparated('<file_sep>', sn, path)}<fim_prefix>${p}<fim_suffix>${s}<fim_middle>`,
    stop: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<|endoftext|>'],
  },
  codestral: {
    family: 'codestral',
    build: (p, s, sn, path) => `[SUFFIX]${s}[PREFIX]${commentBlock(sn, path)}${p}`,
    stop: ['[PREFIX]', '[SUFFIX]', '[MIDDLE]', '</s>'],
  },
  codegemma: {
    family: 'codegemma',
    build: (p, s, sn, path) => `${fileSeparated('<|file_separator|>', sn, path)}<|fim_prefix|>${p}<|fim_suffix|>${s}<|fim_middle|>`,
    stop: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_separator|>', '<end_of_turn>', '<eos>'],
  },
  granite: {
    family: 'granite',
    build: (p, s, sn, path) => `${fileSeparated('<file_sep>', sn, path)}<fim_prefix>${p}<fim_suffix>${s}<fim_middle>`,
    stop: ['<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<|endoftext|>'],
  },
};

export function templateOf(family: Family): FimTemplate {
  return TEMPLATES[family];
}

/** Snippets as comments ahead of the prefix (families without file separators, and the fim backend). */
export function commentBlock(snippets: readonly Snippet[], path: string, comment = '//'): string {
  if (!snippets.length) return '';
  const lines: string[] = [];
  for (const s of snippets) {
    lines.push(`${comment} Path: ${s.path}`);
    for (const l of s.text.split('\n')) lines.push(`${comment} ${l}`);
  }
  lines.push(`${comment} Path: ${path}`);
  return lines.join('\n') + '\n';
}

const HASH_COMMENTS = new Set(['python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir', 'julia', 'coffeescript']);
const DASH_COMMENTS = new Set(['sql', 'lua', 'haskell', 'elm']);

/** The line comment of a language (VS Code language id). */
export function lineComment(languageId: string): string {
  if (HASH_COMMENTS.has(languageId)) return '#';
  if (DASH_COMMENTS.has(languageId)) return '--';
  return '//';
}
