// The fixed rule set of review findings: a handful of categories code scanning can show and
// filter, each with a description and help. The model's own label stays in the result's properties.
import type { Finding } from './types';

export const CATEGORIES = ['bug', 'security', 'performance', 'error-handling', 'maintainability', 'style', 'docs'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CategoryInfo {
  name: string;
  short: string;
  full: string;
  help: string;
}

export const CATEGORY_INFO: Record<Category, CategoryInfo> = {
  bug: { name: 'Bug', short: 'Likely bug', full: 'Code that probably does not do what it intends: wrong results, crashes, unhandled null or undefined, off-by-one errors, races.', help: 'Check the flagged lines against the intended behaviour and add a test that covers the case.' },
  security: { name: 'Security', short: 'Security issue', full: 'Code that may let an attacker read, change or run something: injection, unsafe evaluation, secrets in code, missing validation of untrusted input.', help: 'Treat the input as untrusted: validate or escape it, use parameterised APIs, keep secrets out of the code.' },
  performance: { name: 'Performance', short: 'Performance issue', full: 'Work that is slower or uses more memory than needed: repeated work in loops, quadratic algorithms, blocking calls, leaks.', help: 'Measure first; then move repeated work out of loops, cache results or pick a better data structure.' },
  'error-handling': { name: 'ErrorHandling', short: 'Error handling', full: 'Errors that are ignored, swallowed, or reported without the information needed to act on them.', help: 'Handle the error where it can be acted on, or let it propagate with context; never leave an empty handler.' },
  maintainability: { name: 'Maintainability', short: 'Maintainability', full: 'Code that is harder to change than it needs to be: dead or duplicated code, leftover debug output, unfinished work, unclear logic.', help: 'Remove what is unused, name what is unclear, and finish or track the unfinished work.' },
  style: { name: 'Style', short: 'Style', full: 'Formatting, naming or conventions that differ from the rest of the code base.', help: 'Follow the project\'s formatter and naming conventions.' },
  docs: { name: 'Documentation', short: 'Documentation', full: 'Comments or documentation that are missing, wrong or out of date.', help: 'Update the comment or documentation to describe what the code does now.' },
};

const KEYWORDS: [Category, RegExp][] = [
  ['security', /secur|inject|xss|csrf|ssrf|\beval\b|secret|password|credential|crypt|sanitiz|travers|unsafe|vulnerab|\bauth/],
  ['error-handling', /error.?handl|exception|\bcatch\b|\bexcept\b|unhandled|swallow|empty.?catch|ignored? (the )?error/],
  ['performance', /perf|slow|n\+1|inefficien|quadratic|memory|leak|allocat|blocking/],
  ['bug', /\bbug\b|null|undefined|off.?by|race|overflow|incorrect|wrong|crash|infinite|typeerror|logic/],
  ['docs', /\bdocs?\b|document|comment|jsdoc|docstring|readme|typo|spelling/],
  ['style', /style|format|naming|long.?line|indent|whitespace|lint|convention/],
  ['maintainability', /todo|fixme|dead|unused|duplicat|complex|refactor|debug|console|print|magic|readab|maintain/],
];

function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}

/** The category of a finding: the reviewer's when it is one of ours, else by keywords of its rule and message. */
export function categoryOf(f: Finding): Category {
  for (const label of [f.category, f.rule]) {
    const c = label?.trim().toLowerCase().replace(/[\s_]+/g, '-');
    if (c && isCategory(c)) return c;
  }
  const text = `${f.rule ?? ''} ${f.message}`.toLowerCase();
  for (const [category, re] of KEYWORDS) if (re.test(text)) return category;
  return f.severity === 'error' ? 'bug' : 'maintainability';
}
