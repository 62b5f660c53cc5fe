// `review`'s repository policy: the rules files (from the base ref in PR mode), .relay/review.json's
// settings under the CLI flags, the suppressions file, the baseline; and the report filter built
// from them.
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { BaselineError, parseBaseline, type Baseline } from '../core/review/baseline';
import { FindingFilter } from '../core/review/policy';
import { gitRefReader, loadReviewRules, rulesFor, workTreeReader, type ReviewRules, type RulesUsed } from '../core/review/rules';
import { SUPPRESSIONS_FILE, parseSuppressions, suppressionMatcher, type SuppressionMatcher } from '../core/review/suppress';
import type { ReviewPlan, ReviewRoot, Severity } from '../core/review';
import { UsageError } from './args';
import type { ReviewCommand } from './reviewOptions';

export interface RepoPolicy {
  rules: ReviewRules;
  /** Report paths (relative to the review root) to repository paths: the root's folder below the top level. */
  prefix: string;
  suppressions: SuppressionMatcher | undefined;
  suppressionNotes: string[];
  baseline: Baseline | undefined;
}

export function prefixOf(root: ReviewRoot): string {
  if (!root.top) return '';
  const sub = relative(root.top, root.root).split('\\').join('/');
  return sub && !sub.startsWith('..') ? `${sub}/` : '';
}

async function loadSuppressions(top: string, prefix: string, notes: string[]): Promise<SuppressionMatcher | undefined> {
  let text: string;
  try {
    text = await readFile(join(top, SUPPRESSIONS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return suppressionMatcher(parseSuppressions(text), prefix);
  } catch (e) {
    notes.push(`${SUPPRESSIONS_FILE} ignored: ${(e as Error).message}`);
    return undefined;
  }
}

async function loadBaseline(file: string | undefined): Promise<Baseline | undefined> {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(resolve(process.cwd(), file), 'utf8');
  } catch (e) {
    throw new UsageError(`--baseline ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  try {
    return parseBaseline(text, `--baseline ${file}`);
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Reads the rules (in PR mode from the base ref, never from the work tree), the suppressions file
 * and the baseline; fills what the command left open from .relay/review.json (flags win).
 */
export async function loadRepoPolicy(c: ReviewCommand, root: ReviewRoot): Promise<RepoPolicy> {
  const top = root.top ?? root.root;
  const prefix = prefixOf(root);
  const reader = c.base && root.git ? gitRefReader(top, c.base) : workTreeReader(top);
  const rules = c.noRules ? { from: reader.from, general: [], paths: [], config: {}, notes: [] } : await loadReviewRules(reader);
  const cfg = rules.config;
  if (!c.include.length && cfg.include) c.include = cfg.include;
  if (!c.exclude.length && cfg.exclude) c.exclude = cfg.exclude;
  c.minConfidence ??= cfg.minConfidence;
  c.minSeverity ??= cfg.minSeverity;
  c.maxFindingsPerFile ??= cfg.maxFindingsPerFile;
  if (!c.modelGiven && cfg.model) c.relay.model = cfg.model;
  const suppressionNotes: string[] = [];
  const suppressions = await loadSuppressions(top, prefix, suppressionNotes);
  return { rules, prefix, suppressions, suppressionNotes, baseline: await loadBaseline(c.baseline) };
}

/** Sets each planned file's rules text; what the report says about the rules. */
export function attachRules(plan: ReviewPlan, policy: RepoPolicy): RulesUsed {
  const used = new Set<string>();
  let truncatedFor = 0;
  for (const file of plan.files) {
    const r = rulesFor(policy.rules, policy.prefix + file.path);
    if (!r.text) continue;
    file.rules = r.text;
    r.sources.forEach((s) => used.add(s));
    if (r.truncated) truncatedFor++;
  }
  return { from: policy.rules.from, files: [...used], truncatedFor, notes: [...policy.rules.notes, ...policy.suppressionNotes] };
}

export function findingFilter(c: ReviewCommand, policy: RepoPolicy): FindingFilter {
  return new FindingFilter({
    minConfidence: c.minConfidence,
    minSeverity: c.minSeverity as Severity | undefined,
    maxFindingsPerFile: c.maxFindingsPerFile,
    suppressions: policy.suppressions,
    baseline: policy.baseline,
    showUnchanged: c.baselineShow,
  });
}
