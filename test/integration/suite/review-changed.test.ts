// Review Changed Files inside a real VS Code against the demo relay: the workspace folder becomes
// a git repository with one commit, then one tracked file is modified and one file is added
// untracked; only those two are sent to the relay, and only they get "Relay Review" diagnostics.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReviewOutcome } from '../../../src/core/review/engine';
import { demoResponder, reviewLines } from '../../support/demo';
import type { RecordedRequest, Simulator } from '../../support/simulator';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';

const SOURCE = 'Relay Review';
const CHANGED = 'src/cart.js';
const UNTRACKED = 'src/discount.js';
const UNTRACKED_TEXT = [
  'function discount(total, percent) {',
  '  console.log("discount", percent);',
  '  return total - (total * percent) / 100;',
  '}',
  '',
  'module.exports = { discount };',
  '',
].join('\n');

let sim: Simulator;
let relay: SimulatedRelay;
let original: string;

const root = () => vscode.workspace.workspaceFolders![0].uri;
const folderPath = () => root().fsPath;
const git = (...args: string[]) => execFileSync('git', args, { cwd: folderPath(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function pathOf(req: RecordedRequest): string {
  return /Path: (.*)/.exec(String(req.body?.messages?.[1]?.content ?? ''))?.[1] ?? '';
}

/** "Relay Review" diagnostics of a file as `line: message` (0-based lines), sorted. */
function reviewDiagnostics(path: string): string[] {
  return vscode.languages
    .getDiagnostics(vscode.Uri.joinPath(root(), path))
    .filter((d) => d.source === SOURCE)
    .map((d) => `${d.range.start.line}: ${d.message}`)
    .sort();
}

/** What the demo relay finds in a file on disk, in the same form. */
function demoFindings(path: string): string[] {
  const lines = readFileSync(join(folderPath(), path), 'utf8').split(/\r?\n/);
  return reviewLines(lines).map((f) => `${f.line - 1}: ${f.message}`).sort();
}

/** Every file of the workspace folder that git would list, except the two the test changes. */
function unchangedFiles(): string[] {
  return git('ls-files').split('\n').filter((p) => p && p !== CHANGED && p !== UNTRACKED);
}

describe('review: Review Changed Files', function () {
  this.timeout(60_000);

  before(async () => {
    // The relay settings land in .vscode/settings.json first, so the commit below holds them too.
    relay = await useSimulatedRelay({ maxRetries: 0, 'review.requestsPerMinute': 0 });
    sim = relay.sim;
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
    original = readFileSync(join(folderPath(), CHANGED), 'utf8');
    git('init', '-q');
    git('config', 'user.email', 'tests@relay-assistant.invalid');
    git('config', 'user.name', 'Relay Assistant tests');
    git('config', 'commit.gpgsign', 'false');
    git('add', '-A');
    git('commit', '-q', '-m', 'fixture');
    writeFileSync(join(folderPath(), CHANGED), `${original.replace(/\n?$/, '\n')}// TODO: changed\n`);
    writeFileSync(join(folderPath(), UNTRACKED), UNTRACKED_TEXT);
    sim.reset();
    sim.setResponder(demoResponder({ deltaDelayMs: 0 }));
  });

  after(async () => {
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    await relay?.restore();
    rmSync(join(folderPath(), '.git'), { recursive: true, force: true, maxRetries: 5 });
    if (original !== undefined) writeFileSync(join(folderPath(), CHANGED), original);
    rmSync(join(folderPath(), UNTRACKED), { force: true });
  });

  it('Review Changed Files reviews only files changed against git HEAD', async () => {
    const unchanged = unchangedFiles();
    assert.ok(unchanged.length >= 2, `the fixture workspace should hold other files too (git lists ${unchanged.join(', ')})`);
    const outcome = await vscode.commands.executeCommand<ReviewOutcome | undefined>('relayAssistant.reviewChangedFiles');
    assert.ok(outcome, 'the review did not run');
    assert.deepEqual(outcome.files.map((f) => `${f.path}: ${f.status}`).sort(), [`${CHANGED}: reviewed`, `${UNTRACKED}: reviewed`]);
    assert.equal(outcome.summary.failed, 0);

    const sent = sim.requests.filter((r) => r.method === 'POST').map(pathOf).sort();
    assert.deepEqual(sent, [CHANGED, UNTRACKED], 'the relay got other files than the changed and the untracked one');

    for (const path of [CHANGED, UNTRACKED]) {
      const expected = demoFindings(path);
      assert.ok(expected.length > 0, `the demo relay finds nothing in ${path}: the test proves nothing`);
      assert.deepEqual(reviewDiagnostics(path), expected, `${path} in the Problems view`);
    }
    assert.ok(reviewDiagnostics(CHANGED).some((d) => d.endsWith('TODO left in the code: changed')), 'the changed line has no finding');
    for (const path of unchanged) assert.deepEqual(reviewDiagnostics(path), [], `${path} is unchanged but got diagnostics`);
  });
});
