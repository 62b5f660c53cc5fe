// Review in a real VS Code against the relay simulator: Dismiss finding… records the finding in
// .relay/review-suppressions.json and it stays away on a re-review; a cancelled review says
// "not reviewed (cancelled)" and offers Review the Rest (not Retry Failed Files); findings of a
// deleted file leave the Problems view; a fully cached re-review opens no progress toast.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REVIEW_SYSTEM_PROMPT } from '../../../src/core/review/prompt';
import type { ReviewOutcome } from '../../../src/core/review/engine';
import type { RecordedRequest, Scenario, Simulator } from '../../support/simulator';
import { completion, errorScenario, modelList } from '../../support/sse';
import { recordMessages, recordProgress, until } from '../messages';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';

const SOURCE = 'Relay Review';
const DIR = 'policy-fixture';
let sim: Simulator;
let relay: SimulatedRelay;

const root = () => vscode.workspace.workspaceFolders![0].uri;
const at = (path: string) => vscode.Uri.joinPath(root(), path);
const run = () => vscode.commands.executeCommand<ReviewOutcome | undefined>('relayAssistant.reviewWorkspace');
const posts = () => sim.requests.filter((r) => r.method === 'POST');

function pathOf(req: RecordedRequest): string {
  return /Path: (.*)/.exec(String(req.body?.messages?.[1]?.content ?? ''))?.[1] ?? '';
}

/** Reports every TODO line as a warning (no confidence: such findings are kept). */
function reviewer(req: RecordedRequest): Scenario {
  const user = String(req.body?.messages?.[1]?.content ?? '');
  const findings = [...user.matchAll(/^(\d+) \| (.*)$/gm)].filter((m) => m[2].includes('TODO')).map((m) => ({ line: Number(m[1]), severity: 'warning', category: 'maintainability', message: `TODO in ${pathOf(req)}` }));
  return { body: completion(JSON.stringify({ findings }), { prompt_tokens: 40, completion_tokens: 10 }) };
}

function serve(answer: (req: RecordedRequest) => Scenario = reviewer): void {
  sim.setResponder((req) => {
    if (req.method === 'GET') return { body: modelList() };
    if (req.body?.messages?.[0]?.content !== REVIEW_SYSTEM_PROMPT) return errorScenario(500, { message: 'not a review request', type: 'server_error' });
    return answer(req);
  });
}

function messagesOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).map((d) => d.message);
}

async function write(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(at(path), new TextEncoder().encode(text));
}

describe('review: dismiss, cancel, deleted files, cached re-review', function () {
  this.timeout(90_000);

  before(async () => {
    relay = await useSimulatedRelay({ maxRetries: 0, 'review.requestsPerMinute': 0, 'review.concurrency': 1 });
    sim = relay.sim;
  });

  after(async () => {
    await vscode.workspace.fs.delete(at(DIR), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(at('.relay'), { recursive: true }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    await relay.restore();
  });

  beforeEach(async () => {
    sim.reset();
    await vscode.workspace.fs.delete(at(DIR), { recursive: true }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
  });

  afterEach(async () => {
    while (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Dismiss finding… asks for a reason, writes .relay/review-suppressions.json, and the finding does not come back on re-review', async () => {
    const path = `${DIR}/dismiss.js`;
    await write(path, 'const a = 1; // TODO: dismiss me\nconst b = 2; // TODO: keep me\n');
    serve();
    await run();
    assert.deepEqual(messagesOf(at(path)), [`TODO in ${path}`, `TODO in ${path}`]);
    const doc = await vscode.workspace.openTextDocument(at(path));
    await vscode.window.showTextDocument(doc);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0))) ?? [];
    const dismiss = actions.find((a) => a.title === 'Dismiss finding…');
    assert.ok(dismiss?.command, `no Dismiss finding… among: ${actions.map((a) => a.title).join(', ')}`);
    const window = vscode.window as unknown as { showInputBox: typeof vscode.window.showInputBox };
    const original = window.showInputBox;
    const asked: vscode.InputBoxOptions[] = [];
    window.showInputBox = (async (options?: vscode.InputBoxOptions) => {
      asked.push(options ?? {});
      return 'intended: a fixture for the test';
    }) as typeof vscode.window.showInputBox;
    try {
      assert.equal(await vscode.commands.executeCommand(dismiss.command.command, ...(dismiss.command.arguments ?? [])), true);
    } finally {
      window.showInputBox = original;
    }
    assert.equal(asked.length, 1, 'a reason is asked for');
    assert.equal(asked[0].validateInput?.('   '), 'Give a reason: it is what the next reader of the file sees.');
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(at('.relay/review-suppressions.json'))));
    assert.equal(file.version, 1);
    assert.equal(file.suppressions.length, 1);
    const entry = file.suppressions[0];
    assert.equal(entry.path, path);
    assert.equal(entry.reason, 'intended: a fixture for the test');
    assert.equal(entry.category, 'maintainability');
    assert.match(entry.fingerprint, /^[0-9a-f]{32}:1$/);
    assert.ok(entry.by && !Number.isNaN(Date.parse(entry.at)), JSON.stringify(entry));
    assert.deepEqual(messagesOf(at(path)), [`TODO in ${path}`], 'the dismissed finding left the Problems view at once');
    // A real re-review (cache cleared: the file is sent again) does not bring it back.
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    sim.reset();
    serve();
    const again = await run();
    assert.ok(posts().some((r) => pathOf(r) === path), 'the file was not sent again');
    const diags = vscode.languages.getDiagnostics(at(path)).filter((d) => d.source === SOURCE);
    assert.deepEqual(diags.map((d) => d.range.start.line), [1], 'only the kept finding, on line 2');
    assert.ok((again?.summary.hidden?.suppressed ?? 0) >= 1);
  });

  it('cancelled at 2 files: "2 reviewed … N not reviewed (cancelled)", Review the Rest instead of Retry Failed Files, and Review the Rest reviews them', async () => {
    for (let i = 0; i < 5; i++) await write(`${DIR}/c${i}.js`, `const c${i} = ${i}; // TODO ${i}\n`);
    serve();
    let cancelled = false;
    const progress = recordProgress((p, cancel) => {
      const done = /^(\d+)\//.exec(p.reports.at(-1)?.message ?? '')?.[1];
      if (!cancelled && Number(done) >= 2) {
        cancelled = true;
        cancel();
      }
    });
    const messages = recordMessages((m) => (m.buttons.includes('Review the Rest') ? 'Review the Rest' : undefined));
    try {
      const outcome = await run();
      assert.ok(cancelled, 'the review was not cancelled');
      const notReviewed = outcome!.files.filter((f) => f.status === 'failed');
      assert.ok(notReviewed.length >= 1 && notReviewed.every((f) => f.errorKind === 'cancelled'), JSON.stringify(notReviewed));
      const first = messages.shown[0];
      assert.equal(first.kind, 'information', 'a cancel is not a failure warning');
      assert.match(first.message, new RegExp(`^Relay Review: ${outcome!.summary.reviewed} reviewed, 0 cached, \\d+ skipped, ${notReviewed.length} not reviewed \\(cancelled\\) — `));
      assert.doesNotMatch(first.message, /failed/);
      assert.deepEqual(first.buttons, ['Show Problems', 'Review the Rest']);
      // "Review the Rest" (clicked above) reviews exactly the files the cancel left.
      await until(() => messages.shown.length >= 2, 'the summary of Review the Rest');
      assert.match(messages.shown[1].message, new RegExp(`^Relay Review: ${notReviewed.length} reviewed, 0 cached, 0 skipped, 0 failed`));
      const sentAfter = posts().map(pathOf);
      for (const f of notReviewed) assert.ok(sentAfter.includes(f.path), `${f.path} was not reviewed by Review the Rest`);
    } finally {
      messages.restore();
      progress.restore();
    }
  });

  it('findings of a file deleted since the last review leave the Problems view', async () => {
    const path = `${DIR}/gone.js`;
    await write(path, 'let g = 1; // TODO: soon deleted\n');
    serve();
    await run();
    assert.deepEqual(messagesOf(at(path)), [`TODO in ${path}`]);
    await vscode.workspace.fs.delete(at(path));
    await run();
    assert.deepEqual(messagesOf(at(path)), [], 'the deleted file kept its findings');
  });

  it('a fully cached re-review opens no progress toast beside its summary', async () => {
    await write(`${DIR}/cached.js`, 'let k = 1; // TODO: cached\n');
    serve();
    const progress = recordProgress();
    const messages = recordMessages();
    try {
      const first = await run();
      assert.ok((first?.summary.reviewed ?? 0) > 0);
      assert.equal(progress.shown[0].location, vscode.ProgressLocation.Notification, 'a run that sends requests shows the toast (with Cancel)');
      const second = await run();
      assert.equal(second?.summary.reviewed, 0);
      assert.equal(second?.summary.cached, first?.summary.reviewed);
      assert.equal(progress.shown.length, 2);
      assert.notEqual(progress.shown[1].location, vscode.ProgressLocation.Notification, 'the cached run opened a progress toast');
      assert.match(messages.shown.at(-1)?.message ?? '', /^Relay Review: 0 reviewed, \d+ cached/);
    } finally {
      messages.restore();
      progress.restore();
    }
  });
});
