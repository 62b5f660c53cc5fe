// Context gathering: prefix and suffix windows around the cursor within a token budget, plus the
// snippets (open editors, recently edited ranges) most similar to the code being written.
import { rankSnippets, type SnippetSource } from './snippets';

export interface Snippet {
  /** Workspace-relative path, shown to the model. */
  path: string;
  text: string;
}

/** The document as the pipeline sees it (the glue builds it from a TextDocument). */
export interface DocumentView {
  path: string;
  languageId: string;
  text: string;
  /** Cursor offset in text. */
  offset: number;
}

export interface CompletionContext {
  path: string;
  languageId: string;
  prefix: string;
  suffix: string;
  snippets: Snippet[];
}

export interface ContextBudget {
  /** Tokens for prefix + suffix + snippets (about 4 characters each). */
  tokens: number;
}

export const DEFAULT_BUDGET: ContextBudget = { tokens: 2048 };
const CHARS_PER_TOKEN = 4;

/** The last `max` characters of `text`, starting at a line start when a line break is in reach. */
export function tailWindow(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.length - max;
  const nl = text.indexOf('\n', cut);
  return nl === -1 || nl === text.length - 1 ? text.slice(cut) : text.slice(nl + 1);
}

/** The first `max` characters of `text`, ending at a line end when one is in reach. */
export function headWindow(text: string, max: number): string {
  if (text.length <= max) return text;
  const nl = text.lastIndexOf('\n', max);
  return nl <= 0 ? text.slice(0, max) : text.slice(0, nl);
}

/** Prefix 60 %, suffix 20 %, snippets 20 % of the budget; unused suffix room goes to the prefix. */
export function gatherContext(doc: DocumentView, sources: readonly SnippetSource[], budget: ContextBudget = DEFAULT_BUDGET): CompletionContext {
  const chars = budget.tokens * CHARS_PER_TOKEN;
  const before = doc.text.slice(0, doc.offset);
  const after = doc.text.slice(doc.offset);
  const suffix = headWindow(after, Math.floor(chars * 0.2));
  const prefix = tailWindow(before, Math.floor(chars * 0.8) - suffix.length);
  const ctx: CompletionContext = { path: doc.path, languageId: doc.languageId, prefix, suffix, snippets: [] };
  return sources.length ? withSnippets(ctx, sources, budget) : ctx;
}

/** The context with the snippets most similar to the code before the cursor (computed only when a request goes out). */
export function withSnippets(ctx: CompletionContext, sources: readonly SnippetSource[], budget: ContextBudget = DEFAULT_BUDGET): CompletionContext {
  const query = tailWindow(ctx.prefix, 600);
  const others = sources.filter((s) => s.path !== ctx.path || !overlaps(s, ctx.prefix, ctx.suffix));
  return { ...ctx, snippets: rankSnippets(query, others, Math.floor(budget.tokens * CHARS_PER_TOKEN * 0.2)) };
}

/** A source from the same file whose text is already inside the windows adds nothing. */
function overlaps(s: SnippetSource, prefix: string, suffix: string): boolean {
  return prefix.includes(s.text) || suffix.includes(s.text);
}
