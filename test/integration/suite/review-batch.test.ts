// Review Workspace (Batch, half price) inside a real VS Code against the demo relay's Batch API:
// the job is persisted in global state and polled in the background; a reload of the batch jobs
// (the running instance disposed mid-wait, a new one activated from global state — the code path
// a window reload or restart takes) picks the same batch up; the findings land in the Problems
// view; Cancel Review Batch cancels on the relay.
//
// A real window reload would end the extension host that runs this suite, so the reload is the
// extension's own: dispose + activate-from-persisted-state through a test-only hook.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BATCH_TEST_HOOKS_COMMAND, type BatchTestHooks } from '../../../src/features/review/batchCommands';
import type { PersistedJob } from '../../../src/features/review/batchJobs';
import { createBatchSim, type BatchSim } from '../../support/batchSim';
import { demoBatchAnswer, demoResponder, reviewLines } from '../../support/demo';
import type { Simulator } from '../../support/simulator';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';

const SOURCE = 'Relay Review';
let sim: Simulator;
let relay: SimulatedRelay;
let batches: BatchSim;
let hooks: BatchTestHooks;

const root = () => vscode.workspace.workspaceFolders![0].uri;

/** What the demo reviewer reports for a workspace file, as (line, message) pairs. */
async function expectedFor(path: string): Promise<string[]> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root(), path)));
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return reviewLines(lines).map((f) => `${f.line - 1}: ${f.message}`).sort();
}

function diagnosticsOf(path: string): string[] {
  return vscode.languages.getDiagnostics(vscode.Uri.joinPath(root(), path)).filter((d) => d.source === SOURCE).map((d) => `${d.range.start.line}: ${d.message}`).sort();
}

const polls = (id: string) => sim.requests.filter((r) => r.method === 'GET' && r.path === `/v1/batches/${id}`).length;

describe('review: batch review in the background (batch API, half price)', function () {
  this.timeout(60_000);

  before(async () => {
    relay = await useSimulatedRelay({ maxRetries: 0, 'review.batchPollMs': 1000, 'review.confirmAboveUsd': 1000 });
    sim = relay.sim;
    hooks = (await vscode.commands.executeCommand<BatchTestHooks>(BATCH_TEST_HOOKS_COMMAND))!;
  });

  after(async () => {
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
    await relay.restore();
  });

  beforeEach(async () => {
    sim.reset();
    batches = createBatchSim({ answer: demoBatchAnswer, hold: true, pollsInProgress: 1 });
    sim.setResponder(demoResponder({ batches }));
    await vscode.commands.executeCommand('relayAssistant.clearReviewCache');
    await vscode.commands.executeCommand('relayAssistant.clearReviewFindings');
  });

  it('submits one batch, keeps it across a reload of the extension\'s jobs, and puts the findings in the Problems view', async () => {
    const job = await vscode.commands.executeCommand<PersistedJob | undefined>('relayAssistant.reviewWorkspaceBatch');
    assert.ok(job, 'nothing was submitted');
    assert.equal(batches.created, 1);
    assert.deepEqual(hooks.persisted().map((p) => p.job), [job.job], 'the job is in global state');
    const [id] = batches.batchIds();
    assert.equal(sim.requests.filter((r) => r.path === '/v1/chat/completions').length, 0, 'nothing went the live way');

    await hooks.reload();
    assert.deepEqual(hooks.persisted().map((p) => p.job), [job.job], 'still persisted after the reload');
    assert.match(hooks.statusText(), new RegExp(`Review batch: 0/${job.requests}`));
    const before = polls(id);
    batches.release();
    await hooks.idle();

    assert.ok(polls(id) > before, 'the reloaded jobs polled the same batch');
    assert.equal(batches.created, 1, 'the reload did not submit again');
    assert.deepEqual(hooks.persisted(), [], 'forgotten once collected');
    const paths = ['src/cart.js', 'src/settings.ts', 'scripts/report.py'];
    let total = 0;
    for (const path of paths) {
      const expected = await expectedFor(path);
      total += expected.length;
      assert.deepEqual(diagnosticsOf(path), expected, path);
    }
    assert.ok(total > 0, 'the fixture workspace should give the demo reviewer something to report');
  });

  it('Cancel Review Batch cancels the batch on the relay and ends the job', async () => {
    const job = await vscode.commands.executeCommand<PersistedJob | undefined>('relayAssistant.reviewWorkspaceBatch');
    assert.ok(job);
    const [id] = batches.batchIds();
    const cancelled = await vscode.commands.executeCommand<string[]>('relayAssistant.cancelReviewBatch');
    assert.deepEqual(cancelled, [id]);
    assert.ok(sim.requests.some((r) => r.method === 'POST' && r.path === `/v1/batches/${id}/cancel`));
    await hooks.idle();
    assert.deepEqual(hooks.persisted(), []);
    assert.equal(batches.created, 1);
  });

  it('a relay without a batch API: nothing submitted, nothing persisted', async () => {
    sim.setResponder(() => ({ status: 404, body: { error: { message: 'Not Found' } } }));
    const job = await vscode.commands.executeCommand<PersistedJob | undefined>('relayAssistant.reviewWorkspaceBatch');
    assert.equal(job, undefined);
    assert.deepEqual(hooks.persisted(), []);
    assert.deepEqual(sim.requests.map((r) => `${r.method} ${r.path}`), ['POST /v1/files']);
  });
});
