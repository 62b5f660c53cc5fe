import { strict as assert } from 'node:assert';
import { formatMeta, isLongQuestion, relativeTime } from '../../../src/webview/format';
import { renderMarkdown } from '../../../src/webview/markdown';

describe('answer Markdown: what the view CSP allows', () => {
  it('aligns table columns with classes, never a style attribute (the CSP blocks inline styles)', () => {
    const html = renderMarkdown('| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |');
    assert.ok(!/style=/.test(html), html);
    assert.equal((html.match(/class="align-left"/g) ?? []).length, 2);
    assert.equal((html.match(/class="align-center"/g) ?? []).length, 2);
    assert.equal((html.match(/class="align-right"/g) ?? []).length, 2);
    assert.match(html, /<th>d<\/th>/, 'a column without alignment gets no class');
  });

  it('puts tables in a box of their own that scrolls sideways', () => {
    assert.match(renderMarkdown('| a |\n|---|\n| 1 |'), /^<div class="table-wrap"><table>[\s\S]*<\/table><\/div>\n$/);
  });

  it('renders task lists as disabled checkboxes, checked or not', () => {
    const html = renderMarkdown('- [ ] write tests\n- [x] ship it\n- plain item');
    assert.match(html, /<ul class="task-list">/);
    assert.match(html, /<li class="task-list-item"><input type="checkbox" class="task-checkbox" disabled aria-label="Not done"> write tests<\/li>/);
    assert.match(html, /<li class="task-list-item"><input type="checkbox" class="task-checkbox" disabled checked aria-label="Done"> ship it<\/li>/);
    assert.match(html, /<li>plain item<\/li>/);
    assert.ok(!html.includes('[ ]') && !html.includes('[x]'), html);
  });

  it('leaves brackets alone where they are not a task marker', () => {
    const html = renderMarkdown('[ ] not in a list\n\n- see [x] later\n- `[x]` code');
    assert.ok(!html.includes('checkbox'), html);
  });

  it('gives each code-block action an icon button with a tooltip and an accessible name', () => {
    const html = renderMarkdown('```ts\nx\n```');
    for (const label of ['Copy', 'Insert at Cursor', 'Apply', 'New File']) {
      assert.ok(html.includes(`title="${label}" aria-label="${label}"`), label);
    }
    assert.match(html, /class="code-actions" role="toolbar"/);
    assert.match(html, /<span class="apply-label">Apply<\/span>/, 'Apply shows its words (the host replaces them with the target)');
  });
});

describe('chat view wording', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('says how long ago a conversation changed', () => {
    assert.equal(relativeTime(now - 10_000, now), 'just now');
    assert.equal(relativeTime(now - 5 * 60_000, now), '5 min ago');
    assert.equal(relativeTime(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(relativeTime(now - 30 * 3_600_000, now), 'yesterday');
    assert.equal(relativeTime(now - 4 * 86_400_000, now), '4 days ago');
    assert.equal(relativeTime(Date.UTC(2025, 11, 1), now), '2025-12-01');
  });

  it('groups thousands without Intl (its first use costs the first frame ~20 ms)', () => {
    const meta = { model: 'm', promptTokens: 1234567, completionTokens: 999, tokensEstimated: false, costUsd: null, costEstimated: false, ttftMs: null, durationMs: null };
    assert.equal(formatMeta(meta), 'm · 1,234,567 in · 999 out · cost unknown');
  });

  it('collapses questions longer than 8 lines or 600 characters', () => {
    assert.equal(isLongQuestion('short'), false);
    assert.equal(isLongQuestion(Array(8).fill('line').join('\n')), false);
    assert.equal(isLongQuestion(Array(9).fill('line').join('\n')), true);
    assert.equal(isLongQuestion('x'.repeat(601)), true);
  });
});
