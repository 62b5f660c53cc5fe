// What reaches the disk while a change is streamed, reviewed and decided, with auto-save on
// (files.autoSave afterDelay, 50 ms, set for this suite in the test profile's user settings):
// every read of the file from disk is the original or a whole decided version; Save All
// mid-stream saves the original; closing the tab or the document and opening it again brings
// the review back; a change on disk ends the review and keeps the disk's text; edits that race
// ours are the user's.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type Scenario, type Simulator } from '../../support/simulator';
import { streamScenario, streamSteps } from '../../support/sse';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';
import { assertOnlyWholeVersions, autoSaveOn, diskBecomes, readDiskEvery20ms, stopReaders } from './edit-disk';
import { clickLens, closeAll, lastEnd, lenses, received, refactor, selectLines, serveChats, setHooks, snapshot, until } from './edit-support';

const REGION = ['function total(items) {', '  var sum = 0;', '  for (var i = 0; i < items.length; i++) sum += items[i].price;', '  return sum;', '}', ''].join('\n');
const TAIL = 'module.exports = total;\n';
const FILE = REGION + TAIL;
const PROPOSAL = FILE.replace('var sum', 'let sum').replace('return sum;', 'return Number(sum);');
/** Hunk 0 (let) accepted, hunk 1 (Number) rejected. */
const DECIDED = FILE.replace('var sum', 'let sum');
const PIECES = ['Sure:\n```js\n', 'function total', '(items) {\n', '  let sum = 0;\n', '  for (var i = 0; ', 'i < items.length; i++) ', 'sum += items[i].price;\n', '  return ', 'Number(sum);\n', '}\n', '```\n', 'Done.'];
/** The reply in many small pieces, one every 40 ms: slow enough for several auto-saves and disk reads while it streams. */
const SLOW_REPLY = streamScenario(PIECES, { delayMs: 40 });

/** The slow reply, paused after its first half until `resume()`: the test acts while the answer is surely streaming. */
function pausedReply(): { scenario: Scenario; resume: () => void } {
  let resume!: () => void;
  const paused = new Promise<void>((r) => (resume = r));
  const steps = streamSteps(PIECES, { delayMs: 40 });
  const half = steps.findIndex((step) => typeof step === 'string' && step.includes('for (var i'));
  return { scenario: { steps: [...steps.slice(0, half), { until: paused }, ...steps.slice(half)] }, resume };
}
const USER_LINE = '// mine\n';

let sim: Simulator;
let relay: SimulatedRelay;
let dir: string;
let counter = 0;
let restoreAutoSave: () => Promise<void>;

async function openFile(content = FILE): Promise<{ path: string; uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const path = join(dir, `total-${++counter}.js`);
  writeFileSync(path, content);
  const uri = vscode.Uri.file(path);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { path, uri, doc, editor };
}

/** A refactor of the region (lines 0-4) with the slow reply, up to the review. */
async function reviewPending(): Promise<{ path: string; uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const opened = await openFile();
  selectLines(opened.editor, 0, 4);
  serveChats(sim, SLOW_REPLY);
  assert.equal(await refactor(), 'review');
  assert.equal(opened.doc.getText(), PROPOSAL);
  await diskBecomes(opened.path, PROPOSAL);
  return opened;
}

/**
 * Starts a refactor of the region with the paused slow reply while the disk is read every 20 ms,
 * and, once two lines have streamed, types a line below the region (the answer is then surely
 * still streaming: it waits for `resume()`).
 */
async function streamingWithUserEdit(): Promise<{ path: string; doc: vscode.TextDocument; reader: ReturnType<typeof readDiskEvery20ms>; outcome: Thenable<string | undefined>; resume: () => void }> {
  const { path, doc, editor } = await openFile();
  const reader = readDiskEvery20ms(path);
  selectLines(editor, 0, 4);
  const reply = pausedReply();
  serveChats(sim, reply.scenario);
  const outcome = refactor();
  await received(doc, 2);
  await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), USER_LINE));
  return { path, doc, reader, outcome, resume: reply.resume };
}

describe('edit safety: what reaches the disk is always a whole version', function () {
  this.timeout(60_000);

  before(async () => {
    relay = await useSimulatedRelay();
    sim = relay.sim;
    await setHooks({});
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the integration tier opens a workspace folder');
    dir = join(folder, `.edit-safety-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    restoreAutoSave = await autoSaveOn();
  });

  after(async () => {
    await restoreAutoSave();
    await setHooks({});
    await relay.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => sim.reset());
  afterEach(async () => {
    stopReaders();
    await setHooks({});
    await closeAll();
  });

  it('auto-save while a refactor streams slowly and is decided: every read from disk is the original or a whole decided version', async () => {
    const { path, doc, reader, outcome, resume } = await streamingWithUserEdit();
    // The user typed below the region while the answer streams: auto-save saves that, with the original region.
    await diskBecomes(path, FILE + USER_LINE);
    resume();
    assert.equal(await outcome, 'review');
    await diskBecomes(path, PROPOSAL + USER_LINE);
    await clickLens(doc, 'Reject', 1);
    await diskBecomes(path, DECIDED + USER_LINE);
    assert.equal(await clickLens(doc, 'Accept', 0), 'accepted');
    const reads = reader.stop();
    assertOnlyWholeVersions(reads, [FILE, FILE + USER_LINE, PROPOSAL + USER_LINE, DECIDED + USER_LINE]);
    assert.ok(reader.count() >= 10, `the disk was read ${reader.count()} times`);
  });

  it('Save All in the middle of the stream saves the original lines', async () => {
    const { path, doc, reader, outcome, resume } = await streamingWithUserEdit();
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    // Save All may leave a file to the auto-save already under way: either way the next save is this text.
    await diskBecomes(path, FILE + USER_LINE);
    assert.equal((await snapshot()).sessions[0]?.phase, 'streaming', 'the answer is still streaming');
    resume();
    assert.equal(await outcome, 'review');
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await diskBecomes(path, PROPOSAL + USER_LINE);
    assert.equal(await clickLens(doc, 'Reject All'), 'rejected');
    await diskBecomes(path, FILE + USER_LINE);
    assertOnlyWholeVersions(reader.stop(), [FILE, FILE + USER_LINE, PROPOSAL + USER_LINE]);
  });

  it('Ctrl+W while a review is pending, then opening the file again: the review is back with its hunks', async () => {
    const { path, uri, doc } = await reviewPending();
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(readFileSync(path, 'utf8'), PROPOSAL, 'the closed file holds the whole proposal');

    const reopened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const state = await until((s) => s.sessions.some((x) => x.uri === uri.toString() && x.phase === 'review'), 'the review after reopening');
    assert.equal(state.sessions.find((x) => x.uri === uri.toString())?.pending, 2);
    assert.deepEqual((await lenses(reopened.document)).map((l) => l.command?.title), ['Accept All', 'Reject All', 'Accept', 'Reject', 'Accept', 'Reject']);
    await clickLens(reopened.document, 'Reject', 1);
    assert.equal(await clickLens(reopened.document, 'Accept', 0), 'accepted');
    await diskBecomes(path, DECIDED);
  });

  it('a review whose document goes away and comes back is picked up again from workspaceState', async () => {
    const { path, uri, doc } = await reviewPending();
    assert.ok((await snapshot()).saved.includes(uri.toString()), 'the pending review is saved');
    // A language change closes the document and opens it again (as a reload does, without ending the test).
    const again = await vscode.languages.setTextDocumentLanguage(doc, 'typescript');
    const state = await until((s) => s.sessions.some((x) => x.uri === uri.toString()) && s.recentEnds.includes('closed'), 'the review picked up again');
    assert.equal(state.sessions.find((x) => x.uri === uri.toString())?.pending, 2);
    await vscode.window.showTextDocument(again);
    await clickLens(again, 'Reject', 1);
    assert.equal(await clickLens(again, 'Accept', 0), 'accepted');
    await diskBecomes(path, DECIDED);
    assert.ok(!(await snapshot()).saved.includes(uri.toString()), 'a decided review is forgotten');
  });

  it('a change on disk while a review is pending ends it, keeps the disk\'s text and says so', async () => {
    const { path, doc } = await reviewPending();
    const other = '// checked out from elsewhere\n' + FILE;
    writeFileSync(path, other);
    await until((s) => s.sessions.length === 0, 'the review ended');
    assert.equal(await lastEnd(), 'external');
    assert.equal(doc.getText(), other);
    assert.equal(readFileSync(path, 'utf8'), other);
    assert.deepEqual(await lenses(doc), []);
  });

  it('a keystroke sent at the moment of our edit is the user\'s, whichever lands first', async () => {
    const { doc, editor } = await openFile();
    selectLines(editor, 0, 4);
    await setHooks({
      beforeOwnEdit: () => {
        void setHooks({});
        // The cursor is at the region's start (line 0, an unchanged line of the proposal).
        void vscode.commands.executeCommand('type', { text: 'X' });
      },
    });
    serveChats(sim, streamScenario(['```js\n' + PROPOSAL.slice(0, REGION.length) + '```']));
    const outcome = await refactor();
    await until((s) => s.sessions.length === 0 || s.sessions[0].phase === 'review', 'the edit settled');
    await until(() => doc.getText().includes('X'), 'the keystroke landed');
    if (outcome === 'conflict') {
      // The keystroke came first: our edit was refused (it was for the previous version) and nothing of ours was written.
      assert.equal(doc.getText(), 'X' + FILE);
    } else {
      assert.equal(outcome, 'review');
      assert.equal(doc.getText(), 'X' + PROPOSAL, 'the keystroke after our edit is kept in its line');
      assert.equal(await clickLens(doc, 'Reject All'), 'rejected');
      assert.equal(doc.getText(), 'X' + FILE);
    }
  });

  it('a foreign edit racing our edit through the WorkspaceEdit fallback (file not visible) is the user\'s and lands nothing twice', async () => {
    const { path, uri, doc } = await reviewPending();
    // Another editor on top: the file is no longer visible, so our next edit goes through a WorkspaceEdit.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'other' }), { preview: false });
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document === doc));
    let foreign: Thenable<boolean> | undefined;
    await setHooks({
      beforeOwnEdit: () => {
        void setHooks({});
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(0, 0), '// foreign\n');
        foreign = vscode.workspace.applyEdit(edit);
      },
    });
    assert.equal(await vscode.commands.executeCommand('relayAssistant.rejectHunk', uri.toString(), 1), 'review');
    const foreignLanded = await foreign!;
    const head = foreignLanded ? '// foreign\n' : '';
    assert.equal(doc.getText(), head + DECIDED);
    assert.equal(await vscode.commands.executeCommand('relayAssistant.acceptHunk', uri.toString(), 0), 'accepted');
    await diskBecomes(path, head + DECIDED);
  });
});
