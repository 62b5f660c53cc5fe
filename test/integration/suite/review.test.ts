// Batch review inside a real VS Code against the relay simulator: Review Workspace fills the
// Problems view ("Relay Review" diagnostics with mapped severities), a quick fix applies a
// suggestion, a re-review replaces a file's diagnostics, a failed file keeps its old ones.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REVIEW_SYSTEM_PROMPT } from '../../../src/core/review/prompt';
import type { ReviewOutcome } from '../../../src/core/review/engine';
import { type RecordedRequest, type Scenario, type Simulator } from '../../support/simulator';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';
import { completion, errorScenario, modelList } from '../../support/sse';

const SOURCE = 'Relay Review';
let sim: Simulator;
let relay: SimulatedRelay;

interface Expected {
  line: number;
  severity: vscode.DiagnosticSeverity;
  message: string;
}

/** The test reviewer's rules, applied to `${n} | ${line}` lines: TODO -> warning, console.log -> error with a fix. */
function findingsFor(lines: { n: number; text: string }[]) {
  return lines.flatMap(({ n, text }) => [
    ...(text.includes('TODO') ? [{ line: n, severity: 'warning', message: 'TODO left in the code', rule: 'todo' }] : []),
    ...(text.includes('console.log') ? [{ line: n, severity: 'error', message: 'Debug output left in', rule: 'debug', suggestion: text.replace(/console\.log\([^)]*\);?/, '').trimEnd() || '// removed' }] : []),
  ]);
}

function numbered(req: RecordedRequest): { n: number; text: string }[] {
  const user = String(req.body?.messages?.[1]?.content ?? '');
  return [...user.matchAll(/^(\d+) \| (.*)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2] }));
}

function pathOf(req: RecordedRequest): string {
  return /Path: (.*)/.exec(String(req.body?.messages?.[1]?.content ?? ''))?.[1] ?? '';
}

function serve(answer: (req: RecordedRequest) => Scenario): void {
  sim.setResponder((req) => {
    if (req.method === 'GET') return { body: modelList() };
    if (req.body?.messages?.[0]?.content !== REVIEW_SYSTEM_PROMPT) return errorScenario(500, { message: 'not a review request', type: 'server_error' });
    return answer(req);
  });
}

const reviewer = (req: RecordedRequest): Scenario => ({ body: completion(JSON.stringify({ findings: findingsFor(numbered(req)) }), { prompt_tokens: 40, completion_tokens: 10 }) });

/** What the test reviewer should report for a file on disk, as diagnostics. */
async function expectedFor(uri: vscode.Uri): Promise<Expected[]> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const lines = text.split(/\r?\n/).map((t, i) => ({ n: i + 1, text: t }));
  return findingsFor(lines)
    .map((f) => ({ line: f.line - 1, severity: f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning, message: f.message }))
    .sort((a, b) => a.line - b.line || a.message.localeCompare(b.message));
}

function reviewDiagnostics(uri: vscode.Uri): Expected[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .map((d) => ({ line: d.range.start.line, severity: d.severity, message: d.message }))
    .sort((a, b) => a.line - b.line || a.message.localeCompare(b.message));
}

const root = () => vscode.workspace.workspaceFolders![0].uri;
const run = (command: string) => vscode.commands.executeCommand<ReviewOutcome | undefined>(command);

describe('review: batch review into the Problems view', function () {
  this.timeout(60_000);

  before(async () => {
    relay = await useSimulatedRelay({ maxRetries: 0, 'review.requestsPerMinute': 0 });
    sim = relay.sim;
  });

  after(async () => {
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
    await relay.restore();
  });

  beforeEach(async () => {
    sim.reset();
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
  });

  afterEach(async () => {
    while (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Review Workspace puts every finding in the Problems view with its severity', async () => {
    serve(reviewer);
    const outcome = await run('relayAssistant.reviewWorkspace');
    assert.ok(outcome, 'the review did not run');
    assert.equal(outcome.summary.failed, 0, JSON.stringify(outcome.files.filter((f) => f.status === 'failed')));
    assert.ok(outcome.summary.reviewed >= 2, `only ${outcome.summary.reviewed} reviewed`);
    assert.ok(outcome.summary.findings >= 1, 'the fixture workspace should hold at least one TODO or console.log');
    assert.equal(sim.requests.filter((r) => r.method === 'POST').length, outcome.summary.reviewed);
    assert.ok(sim.requests.every((r) => r.method === 'GET' || r.body.stream === false));
    for (const file of outcome.files.filter((f) => f.status === 'reviewed')) {
      const uri = vscode.Uri.joinPath(root(), file.path);
      assert.deepEqual(reviewDiagnostics(uri), await expectedFor(uri), file.path);
    }
  });

  it('a quick fix applies a suggestion', async () => {
    serve(reviewer);
    const outcome = await run('relayAssistant.reviewWorkspace');
    const withFix = outcome?.files.find((f) => f.findings.some((x) => x.suggestion !== undefined));
    if (!withFix) return void assert.fail('the fixture workspace has no console.log line to fix');
    const finding = withFix.findings.find((x) => x.suggestion !== undefined)!;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), withFix.path));
    await vscode.window.showTextDocument(doc);
    const range = new vscode.Range(finding.line - 1, 0, finding.line - 1, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range)) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Apply suggestion'));
    assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(finding.line - 1).text, finding.suggestion);
  });

  it('a re-review replaces a file\'s diagnostics; a failed file keeps its old ones until Retry Failed Files', async () => {
    serve(reviewer);
    const first = await run('relayAssistant.reviewWorkspace');
    const withFindings = first!.files.filter((f) => f.findings.length > 0).map((f) => f.path);
    assert.ok(withFindings.length >= 1);
    const [failing, ...others] = withFindings;
    const failingUri = vscode.Uri.joinPath(root(), failing);
    const before = reviewDiagnostics(failingUri);

    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    sim.reset();
    serve((req) => (pathOf(req) === failing ? errorScenario(400, { message: 'bad request', type: 'invalid_request_error' }) : { body: completion('{"findings": []}') }));
    const second = await run('relayAssistant.reviewWorkspace');
    assert.equal(second!.files.find((f) => f.path === failing)?.status, 'failed');
    assert.deepEqual(reviewDiagnostics(failingUri), before, 'the failed file lost its diagnostics');
    for (const path of others) assert.deepEqual(reviewDiagnostics(vscode.Uri.joinPath(root(), path)), [], `${path} kept stale diagnostics`);

    // Retry Failed Files sends only the failed file and replaces its diagnostics.
    sim.reset();
    serve((req) => ({ body: completion(JSON.stringify({ findings: [{ line: 1, severity: 'info', message: `retried ${pathOf(req)}` }] })) }));
    const retried = await run('relayAssistant.retryFailedFiles');
    assert.equal(retried?.summary.reviewed, 1);
    assert.deepEqual(sim.requests.filter((r) => r.method === 'POST').map(pathOf), [failing]);
    assert.deepEqual(reviewDiagnostics(failingUri), [{ line: 0, severity: vscode.DiagnosticSeverity.Information, message: `retried ${failing}` }]);
  });

  it('Review Current File reviews the open document, unsaved text included', async () => {
    serve(reviewer);
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'let a = 1;\n// TODO: one\nconsole.log(a);\n' });
    await vscode.window.showTextDocument(doc);
    const outcome = await run('relayAssistant.reviewCurrentFile');
    assert.equal(outcome?.summary.reviewed, 1);
    assert.deepEqual(reviewDiagnostics(doc.uri), [
      { line: 1, severity: vscode.DiagnosticSeverity.Warning, message: 'TODO left in the code' },
      { line: 2, severity: vscode.DiagnosticSeverity.Error, message: 'Debug output left in' },
    ]);
  });

  it('unchanged files come from the cache on the next run', async () => {
    serve(reviewer);
    const first = await run('relayAssistant.reviewWorkspace');
    sim.reset();
    serve(reviewer);
    const second = await run('relayAssistant.reviewWorkspace');
    assert.equal(second?.summary.cached, first?.summary.reviewed);
    assert.equal(sim.requests.filter((r) => r.method === 'POST').length, 0);
  });
});
