// Markdown to HTML for answers: markdown-it without raw HTML, highlight.js core with a
// handful of languages (registered one by one to keep the bundle small), code blocks with actions.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
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

import { iconButtonHtml } from './dom';

/** The code-block toolbar: [action, label, codicon]. Apply's words come from the host (see ./applyButtons). */
export const CODE_ACTIONS = [
  ['copy', 'Copy', 'copy'],
  ['insert', 'Insert at Cursor', 'insert'],
  ['apply', 'Apply', 'diff'],
  ['newFile', 'New File', 'new-file'],
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

/** Apply shows its words beside the icon ("Apply to total()"): what it will do must be seen before the click. */
const actionButtons = CODE_ACTIONS.map(([action, label, name]) =>
  action === 'apply'
    ? `<button type="button" class="icon-button apply-button" title="${label}" aria-label="${label}" data-code-action="${action}"><span class="codicon codicon-${name}" aria-hidden="true"></span><span class="apply-label">${label}</span></button>`
    : iconButtonHtml(name, label, `data-code-action="${action}"`),
).join('');

md.renderer.rules.fence = (tokens, idx) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/, 1)[0] ?? '';
  const langAttr = escape(lang);
  const label = langAttr ? `<span class="code-lang">${langAttr}</span>` : '';
  return `<div class="code-block" data-lang="${langAttr}"><div class="code-actions" role="toolbar" aria-label="Code block actions">${label}${actionButtons}</div><pre><code class="hljs">${highlight(token.content, lang.toLowerCase())}</code></pre></div>\n`;
};

// Tables scroll sideways inside their own box rather than breaking words mid-word.
md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
md.renderer.rules.table_close = () => '</table></div>\n';

/** Column alignment as a class: the view's CSP allows no inline style attributes. */
function alignByClass(tokens: Token[]): void {
  for (const t of tokens) {
    if (t.type !== 'th_open' && t.type !== 'td_open') continue;
    const align = /text-align:(left|center|right)/.exec(String(t.attrGet('style') ?? ''))?.[1];
    if (!align) continue;
    t.attrs = (t.attrs ?? []).filter(([name]) => name !== 'style');
    t.attrJoin('class', `align-${align}`);
  }
}

const TASK = /^\[([ xX])\][ \u00a0]/;

/** "- [ ] item" / "- [x] item": a disabled checkbox in front of the item's text. */
function taskLists(tokens: Token[], TokenCtor: typeof Token): void {
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const match = first?.type === 'text' ? TASK.exec(first.content) : null;
    if (!first || !match) continue;
    first.content = first.content.slice(match[0].length);
    const box = new TokenCtor('task_checkbox', '', 0);
    box.meta = { checked: match[1] !== ' ' };
    inline.children!.unshift(box);
    tokens[i - 2].attrJoin('class', 'task-list-item');
    for (let j = i - 3; j >= 0; j--) {
      if (tokens[j].type === 'bullet_list_open' || tokens[j].type === 'ordered_list_open') {
        if (tokens[j].level === tokens[i - 2].level - 1) {
          if (!tokens[j].attrGet('class')) tokens[j].attrSet('class', 'task-list');
          break;
        }
      }
    }
  }
}

md.core.ruler.push('relay_tables_tasks', (state) => {
  alignByClass(state.tokens);
  taskLists(state.tokens, state.Token);
});
md.renderer.rules.task_checkbox = (tokens, idx) =>
  `<input type="checkbox" class="task-checkbox" disabled${tokens[idx].meta?.checked ? ' checked' : ''} aria-label="${tokens[idx].meta?.checked ? 'Done' : 'Not done'}"> `;

/** HTML for Markdown source. `highlight: false` while streaming an unfinished tail (cheap). */
export function renderMarkdown(source: string, opts: { highlight: boolean } = { highlight: true }): string {
  highlighting = opts.highlight;
  try {
    return md.render(source);
  } finally {
    highlighting = true;
  }
}
