// Markdown to HTML for answers: markdown-it without raw HTML, highlight.js core with a
// handful of languages (registered one by one to keep the bundle small), code blocks with actions.
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml };
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang);

export const CODE_ACTIONS = [
  ['copy', 'Copy'],
  ['insert', 'Insert at Cursor'],
  ['apply', 'Apply to Selection'],
  ['newFile', 'New File'],
] as const;

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const escape = md.utils.escapeHtml;
let highlighting = true;

function highlight(code: string, lang: string): string {
  if (highlighting && lang && hljs.getLanguage(lang)) {
    try {
      return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
    } catch {
      // fall through to plain text
    }
  }
  return escape(code);
}

const actionButtons = CODE_ACTIONS.map(([action, label]) => `<button type="button" data-code-action="${action}">${label}</button>`).join('');

md.renderer.rules.fence = (tokens, idx) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/, 1)[0] ?? '';
  const langAttr = escape(lang);
  return `<div class="code-block" data-lang="${langAttr}"><div class="code-actions"><span class="code-lang">${langAttr}</span>${actionButtons}</div><pre><code class="hljs">${highlight(token.content, lang.toLowerCase())}</code></pre></div>\n`;
};

/** HTML for Markdown source. `highlight: false` while streaming an unfinished tail (cheap). */
export function renderMarkdown(source: string, opts: { highlight: boolean } = { highlight: true }): string {
  highlighting = opts.highlight;
  try {
    return md.render(source);
  } finally {
    highlighting = true;
  }
}
