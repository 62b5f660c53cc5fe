// The VS Code language id for a code fence's tag (```ts → typescript), for New File.

const ALIASES: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript', jsx: 'javascriptreact',
  py: 'python', python3: 'python', py3: 'python', rb: 'ruby', rs: 'rust', go: 'go', golang: 'go',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', console: 'shellscript',
  ps: 'powershell', ps1: 'powershell', pwsh: 'powershell', bat: 'bat', cmd: 'bat',
  yml: 'yaml', md: 'markdown', jsonc: 'jsonc', json5: 'jsonc', htm: 'html', xhtml: 'html', svg: 'xml',
  cs: 'csharp', 'c#': 'csharp', fs: 'fsharp', 'f#': 'fsharp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', h: 'c',
  kt: 'kotlin', kts: 'kotlin', objc: 'objective-c', 'objective-c': 'objective-c', pl: 'perl', rlang: 'r',
  dockerfile: 'dockerfile', docker: 'dockerfile', make: 'makefile', mk: 'makefile', tf: 'terraform', hcl: 'terraform',
  vue: 'vue', svelte: 'svelte', scss: 'scss', sass: 'sass', less: 'less', toml: 'toml', ini: 'ini', sql: 'sql',
  diff: 'diff', patch: 'diff', tex: 'latex', vb: 'vb', ex: 'elixir', exs: 'elixir', erl: 'erlang', hs: 'haskell',
  clj: 'clojure', lua: 'lua', dart: 'dart', swift: 'swift', scala: 'scala', groovy: 'groovy', php: 'php', java: 'java',
  text: 'plaintext', txt: 'plaintext', plain: 'plaintext',
};

/** The language id for `fence` among `known` (VS Code's languages), else 'plaintext'. */
export function languageForFence(fence: string, known: readonly string[]): string {
  const tag = fence.trim().toLowerCase().split(/[\s{,]/, 1)[0] ?? '';
  if (!tag) return 'plaintext';
  if (known.includes(tag)) return tag;
  const alias = ALIASES[tag];
  return alias && known.includes(alias) ? alias : 'plaintext';
}
