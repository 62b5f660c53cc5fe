// SARIF 2.1.0 output for code scanning (GitHub and others): one run; rules from the fixed
// categories with descriptions and help; results with partialFingerprints (stable across runs),
// URIs relative to %SRCROOT% (defined in originalUriBaseIds), automationDetails (with the shard);
// at most 25,000 results (errors first); failed files as tool execution notifications.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { CATEGORIES, CATEGORY_INFO, categoryOf, type Category } from './categories';
import { FINGERPRINT_KEY } from './fingerprint';
import type { FileResult, Finding, ReviewReport, Severity } from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'Relay Review';
export const TOOL_URI = 'https://github.com/relay-assistant/relay-assistant';
/** GitHub keeps at most this many results per run. */
export const MAX_SARIF_RESULTS = 25_000;
const SRCROOT = '%SRCROOT%';
/** Failed files listed one by one in the notifications, at most. */
const MAX_FILE_NOTIFICATIONS = 1000;

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** GitHub's security-severity scale (0-10): critical >= 9, high >= 7, medium >= 4. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0' };

export interface SarifOptions {
  toolVersion?: string;
  /** Absolute folder the relative URIs resolve against (originalUriBaseIds.%SRCROOT%). */
  root?: string;
  /** automationDetails.id, e.g. `relay-review/` or `relay-review/shard-2-of-4/`. */
  automationId?: string;
  maxResults?: number;
}

/** Relative paths become URI references (each segment percent-encoded). */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(f: Finding): Sarif.Region {
  return { startLine: f.line, endLine: f.endLine ?? f.line };
}

function location(path: string, f?: Finding): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: uriOf(path), uriBaseId: SRCROOT }, ...(f ? { region: region(f) } : {}) } };
}

function rule(id: Category): Sarif.ReportingDescriptor {
  const info = CATEGORY_INFO[id];
  const properties: Sarif.PropertyBag = { tags: id === 'security' ? ['security', 'relay-review'] : ['relay-review'], precision: 'medium' };
  if (id === 'security') properties['security-severity'] = SECURITY_SEVERITY.warning;
  return {
    id,
    name: info.name,
    shortDescription: { text: info.short },
    fullDescription: { text: info.full },
    help: { text: info.help, markdown: `**${info.short}.** ${info.full}\n\n${info.help}` },
    defaultConfiguration: { level: id === 'bug' || id === 'security' ? 'error' : 'warning' },
    properties,
  };
}

function result(path: string, f: Finding, ruleIndex: Map<Category, number>): Sarif.Result {
  const ruleId = categoryOf(f);
  const r: Sarif.Result = { ruleId, ruleIndex: ruleIndex.get(ruleId), level: LEVEL[f.severity], message: { text: f.message }, locations: [location(path, f)] };
  if (f.fingerprint) r.partialFingerprints = { [FINGERPRINT_KEY]: f.fingerprint };
  const properties: Sarif.PropertyBag = {};
  if (f.rule) properties.label = f.rule;
  if (f.confidence !== undefined) {
    properties.confidence = f.confidence;
    // SARIF's rank: 0-100, higher = more relevant (viewers sort by it).
    r.rank = Math.round(f.confidence * 1000) / 10;
  }
  if (f.baselineState) r.baselineState = f.baselineState;
  if (ruleId === 'security') properties['security-severity'] = SECURITY_SEVERITY[f.severity];
  if (Object.keys(properties).length) r.properties = properties;
  if (f.suggestion !== undefined) {
    r.fixes = [{
      description: { text: 'Suggested replacement' },
      artifactChanges: [{ artifactLocation: { uri: uriOf(path), uriBaseId: SRCROOT }, replacements: [{ deletedRegion: region(f), insertedContent: { text: f.suggestion } }] }],
    }];
  }
  return r;
}

function skippedNotification(f: FileResult): Sarif.Notification {
  return { level: 'note', message: { text: `${f.path}: skipped (${f.reason ?? 'skipped'})` }, locations: [location(f.path.replace(/\/$/, ''))] };
}

function notification(f: FileResult): Sarif.Notification {
  return { level: 'error', message: { text: `${f.path}: not reviewed (${f.errorKind ?? 'error'}): ${f.reason ?? ''}`.trim() }, locations: [location(f.path)] };
}

export function toSarif(report: ReviewReport, opts: SarifOptions | string = {}): Sarif.Log {
  const o: SarifOptions = typeof opts === 'string' ? { toolVersion: opts } : opts;
  const max = o.maxResults ?? MAX_SARIF_RESULTS;
  const all = report.files.flatMap((f) => f.findings.map((x) => ({ path: f.path, finding: x })));
  // Over the cap the most severe results are kept; the order within a severity stays by path and line.
  const kept = all.length <= max ? all : [...all].sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity]).slice(0, max);
  const used = new Set(kept.map((k) => categoryOf(k.finding)));
  const ruleIds = CATEGORIES.filter((c) => used.has(c));
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const failed = report.files.filter((f) => f.status === 'failed');
  const cancelled = failed.filter((f) => f.errorKind === 'cancelled');
  const broken = failed.filter((f) => f.errorKind !== 'cancelled');
  const notifications = broken.slice(0, MAX_FILE_NOTIFICATIONS).map(notification);
  if (broken.length > MAX_FILE_NOTIFICATIONS) notifications.push({ level: 'error', message: { text: `${broken.length - MAX_FILE_NOTIFICATIONS} more file(s) not reviewed (see the JSON report).` } });
  const skipped = report.files.filter((f) => f.status === 'skipped');
  const room = Math.max(0, MAX_FILE_NOTIFICATIONS - notifications.length);
  notifications.push(...skipped.slice(0, room).map(skippedNotification));
  if (skipped.length > room) notifications.push({ level: 'note', message: { text: `${skipped.length - room} more file(s) skipped (see the JSON report).` } });
  if (cancelled.length) notifications.push({ level: 'warning', message: { text: `${cancelled.length} file(s) not reviewed: the run was stopped before they were sent or answered.` } });
  if (kept.length < all.length) {
    notifications.push({ level: 'warning', message: { text: `${all.length - kept.length} more result(s) not included: code scanning keeps at most ${max} per run (the most severe are kept).` } });
  }
  const run: Sarif.Run = {
    tool: { driver: { name: TOOL_NAME, version: o.toolVersion ?? '0.1.0', informationUri: TOOL_URI, rules: ruleIds.map(rule) } },
    automationDetails: { id: o.automationId ?? 'relay-review/' },
    invocations: [{ executionSuccessful: failed.length === 0, toolExecutionNotifications: notifications }],
    results: kept.map((k) => result(k.path, k.finding, ruleIndex)),
  };
  if (o.root) run.originalUriBaseIds = { [SRCROOT]: { uri: pathToFileURL(o.root.endsWith('/') ? o.root : `${o.root}/`).href } };
  else run.originalUriBaseIds = { [SRCROOT]: { description: { text: 'The root of the reviewed repository.' } } };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}
