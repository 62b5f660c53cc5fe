// Review Changed Files inside a real VS Code in a workspace folder that is not a git repository
// (the fixture folder as the launcher copies it: outside any repository, no .git of its own):
// a warning that says so, with Review Workspace and no Retry, and nothing sent to the relay.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReviewOutcome } from '../../../src/core/review/engine';
import type { Simulator } from '../../support/simulator';
import { recordMessages } from '../messages';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';

/** What the relay got, except the model list (the chat view may refresh it when the base URL changes; it carries no file). */
function sentToRelay(sim: Simulator): string[] {
  return sim.requests.filter((r) => !(r.method === 'GET' && r.path.endsWith('/models'))).map((r) => `${r.method} ${r.path}`);
}

describe('review: Review Changed Files outside git', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let relay: SimulatedRelay;
  const folderPath = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  before(async () => {
    relay = await useSimulatedRelay({ maxRetries: 0, 'review.requestsPerMinute': 0 });
    sim = relay.sim;
  });

  after(async () => {
    await relay?.restore();
  });

  it('says "This folder is not a git repository", offers Review Workspace (no Retry) and sends nothing', async () => {
    // The premise, from git itself: the folder has no .git and no parent repository.
    assert.ok(!existsSync(join(folderPath(), '.git')), `${folderPath()} has a .git (left by another suite?)`);
    const inside = (() => {
      try {
        return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: folderPath(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      } catch {
        return null;
      }
    })();
    assert.equal(inside, null, `${folderPath()} is inside the git repository ${inside}: the test proves nothing`);
    assert.match(execFileSync('git', ['--version'], { encoding: 'utf8' }), /^git version/, 'git is not installed');

    sim.reset();
    const messages = recordMessages();
    let outcome: ReviewOutcome | undefined;
    try {
      outcome = await vscode.commands.executeCommand<ReviewOutcome | undefined>('relayAssistant.reviewChangedFiles');
    } finally {
      messages.restore();
    }
    assert.equal(outcome, undefined, 'a review ran');
    assert.deepEqual(messages.shown, [
      {
        kind: 'warning',
        message: 'Relay Review: This folder is not a git repository, so there are no changed files to find. Review Workspace reviews every file.',
        buttons: ['Review Workspace'],
      },
    ]);
    assert.ok(!messages.shown.some((m) => m.buttons.includes('Retry')), 'a Retry button is offered');
    assert.deepEqual(sentToRelay(sim), [], 'the relay got requests');
  });
});
