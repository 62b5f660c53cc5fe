// SARIF 2.1.0 output (for code scanning): one run, one result per finding, suggestions as fixes,
// failed files as tool execution notifications.
import type * as Sarif from 'sarif';
import type { FileResult, Finding, ReviewReport, Severity } from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'Relay Review';
const DEFAULT_RULE = 'relay-review';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** Relative paths become URI references (each segment percent-encoded). */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(f: Finding): Sarif.Region {
  return { startLine: f.line, endLine: f.endLine ?? f.line };
}

function location(path: string, f?: Finding): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: uriOf(path), uriBaseId: '%SRCROOT%' }, ...(f ? { region: region(f) } : {}) } };
}

function result(path: string, f: Finding, ruleIndex: Map<string, number>): Sarif.Result {
  const ruleId = f.rule ?? DEFAULT_RULE;
  const r: Sarif.Result = { ruleId, ruleIndex: ruleIndex.get(ruleId), level: LEVEL[f.severity], message: { text: f.message }, locations: [location(path, f)] };
  if (f.suggestion !== undefined) {
    r.fixes = [{
      description: { text: 'Suggested replacement' },
      artifactChanges: [{ artifactLocation: { uri: uriOf(path), uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: region(f), insertedContent: { text: f.suggestion } }] }],
    }];
  }
  return r;
}

function notification(f: FileResult): Sarif.Notification {
  return { level: 'error', message: { text: `${f.path}: not reviewed (${f.errorKind ?? 'error'}): ${f.reason ?? ''}`.trim() }, locations: [location(f.path)] };
}

export function toSarif(report: ReviewReport, toolVersion = '0.1.0'): Sarif.Log {
  const ruleIds = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.rule ?? DEFAULT_RULE)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const failed = report.files.filter((f) => f.status === 'failed');
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL_NAME, version: toolVersion, rules: ruleIds.map((id) => ({ id, shortDescription: { text: id } })) } },
      invocations: [{ executionSuccessful: failed.length === 0, toolExecutionNotifications: failed.map(notification) }],
      results: report.files.flatMap((f) => f.findings.map((x) => result(f.path, x, ruleIndex))),
    }],
  };
}
