// The chat's Apply in a real VS Code, with auto-save on (files.autoSave afterDelay, 50 ms):
// without a selection a code block replaces the function it is a new version of (no request),
// or the relay merges it into the file (streamed, then the usual review); a fragment is never
// written over the file, and every read of the file from disk is the original or a whole
// version. Undo / Redo step through the review's decisions. Esc on a streaming refactor says
// what it cost. The Apply buttons' words come from the host.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { APPLY_SYSTEM_PROMPT } from '../../../src/core/edit/index';
import { InternalCommands } from '../../../src/features/context';
import type { Simulator } from '../../support/simulator';
import { streamScenario, streamSteps } from '../../support/sse';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';
import { openRealChatView, WebviewProbe } from '../webviewProbe';
import { assertOnlyWholeVersions, autoSaveOn, diskBecomes, readDiskEvery20ms, stopReaders } from './edit-disk';
import { clickLens, closeAll, lastEnd, received, refactor, selectLines, serveChats, setHooks, snapshot, until } from './edit-support';

const FILE = [
  '// Cart helpers.',
  'const TAX = 0.2;',
  '',
  'function total(items) {',
  '  var sum = 0;',
  '  for (var i = 0; i < items.length; i++) sum += items[i].price;',
  '  return sum;',
  '}',
  '',
  'function withTax(amount) {',
  '  return amount * (1 + TAX);',
  '}',
  '',
  'function describe(items) {',
  '  return items.length + " items";',
  '}',
  '',
  'module.exports = { total, withTax, describe };',
  '',
].join('\n');
const WITH_TAX = 'function withTax(amount) {\n  return Math.round(amount * (1 + TAX) * 100) / 100;\n}';
const SNIPPET = 'console.log(describe([]));';
const MERGED = FILE.replace('module.exports', `${SNIPPET}\n\nmodule.exports`);

let sim: Simulator;
let relay: SimulatedRelay;
let dir: string;
let counter = 0;
let restoreAutoSave: () => Promise<void>;

async function openFile(content = FILE): Promise<{ path: string; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const path = join(dir, `cart-${++counter}.js`);
  writeFileSync(path, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  editor.selection = new vscode.Selection(1, 3, 1, 3); // a cursor, no selection
  return { path, doc, editor };
}

function apply(doc: vscode.TextDocument, code: string): Thenable<string | undefined> {
  return vscode.commands.executeCommand<string>(InternalCommands.applyCode, { uri: doc.uri.toString(), code });
}

const posts = () => sim.requests.filter((r) => r.method === 'POST').map((r) => r.body as { messages: { role: string; content: string }[] });

describe('apply: a chat code block merged into the file', function () {
  this.timeout(60_000);

  before(async () => {
    relay = await useSimulatedRelay();
    sim = relay.sim;
    await setHooks({});
    dir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `.apply-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    restoreAutoSave = await autoSaveOn();
  });

  after(async () => {
    await restoreAutoSave();
    await relay.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => sim.reset());
  afterEach(async () => {
    stopReaders();
    await closeAll();
  });

  it('no selection, a block that is a new version of one function: only that function is under review, no request', async () => {
    const { path, doc } = await openFile();
    const reader = readDiskEvery20ms(path);
    assert.equal(await apply(doc, WITH_TAX), 'review');
    const proposal = FILE.replace('function withTax(amount) {\n  return amount * (1 + TAX);\n}', WITH_TAX);
    assert.equal(doc.getText(), proposal, 'the function is replaced; the rest of the file is untouched');
    assert.equal(posts().length, 0, 'a matching region needs no request');
    assert.deepEqual((await snapshot()).sessions.map((s) => s.pending), [1]);
    await clickLens(doc, 'Accept All');
    await diskBecomes(path, proposal);
    assertOnlyWholeVersions(reader.stop(), [FILE, proposal]);
  });

  it('no selection, a one-line snippet that matches nothing: the relay merges it into the file, streamed, then reviewed; the disk never holds the snippet alone', async () => {
    const { path, doc } = await openFile();
    const reader = readDiskEvery20ms(path);
    serveChats(sim, streamScenario(['Here is the file:\n```js\n', ...MERGED.split(/(?<=\n)/), '```\n'], { delayMs: 5 }));
    assert.equal(await apply(doc, SNIPPET), 'review');
    assert.equal(doc.getText(), MERGED);
    const [body] = posts();
    assert.equal(body.messages[0].content, APPLY_SYSTEM_PROMPT);
    assert.ok(body.messages[1].content.includes(SNIPPET));
    assert.ok(body.messages[1].content.trimEnd().endsWith('```javascript\n' + FILE + '\n```'), 'the whole file is the last fenced block');
    assert.deepEqual((await snapshot()).sessions.map((s) => s.pending), [1], 'one hunk: the added line');
    await clickLens(doc, 'Accept All');
    await diskBecomes(path, MERGED);
    const reads = reader.stop();
    assertOnlyWholeVersions(reads, [FILE, MERGED]);
    assert.ok(![...reads].includes(SNIPPET) && ![...reads].includes(SNIPPET + '\n'));
  });

  it('a merge answer that is only a fragment is refused: the file keeps every line, on disk too', async () => {
    const { path, doc } = await openFile();
    const reader = readDiskEvery20ms(path);
    serveChats(sim, streamScenario(['```js\n', `${SNIPPET}\n`, '```']));
    assert.equal(await apply(doc, SNIPPET), 'failed');
    assert.equal(doc.getText(), FILE);
    assert.equal(await lastEnd(), 'failed');
    assertOnlyWholeVersions(reader.stop(), [FILE]);
  });

  it('a selection still means "replace the selection"', async () => {
    const { doc, editor } = await openFile();
    selectLines(editor, 1, 1);
    assert.equal(await apply(doc, 'const TAX = 0.25;'), 'review');
    assert.equal(doc.getText(), FILE.replace('0.2;', '0.25;'));
    assert.equal(posts().length, 0);
    await clickLens(doc, 'Reject All');
    assert.equal(doc.getText(), FILE);
  });

  it('Undo / Redo step back and forth through decisions while the review stays open; the disk holds only whole versions', async () => {
    const { path, doc } = await openFile();
    // A whole new version of the file with three changes: three hunks.
    const changed = FILE.replace('var sum = 0;', 'let sum = 0;').replace('(1 + TAX)', '(1 + TAX * 1)').replace('" items"', '" item(s)"');
    assert.equal(await apply(doc, changed), 'review');
    assert.equal(doc.getText(), changed);
    await diskBecomes(path, changed);
    const reader = readDiskEvery20ms(path);
    await clickLens(doc, 'Accept', 0);
    await clickLens(doc, 'Reject', 1);
    const decided = changed.replace('(1 + TAX * 1)', '(1 + TAX)');
    assert.equal(doc.getText(), decided);

    assert.equal(await vscode.commands.executeCommand('relayAssistant.undoDecision'), 'review');
    assert.equal(doc.getText(), changed, 'the rejected hunk shows its new lines again');
    assert.deepEqual((await snapshot()).sessions.map((s) => s.pending), [2], 'hunks 1 and 2 are pending, with their markers');
    assert.equal(await vscode.commands.executeCommand('relayAssistant.redoDecision'), 'review');
    assert.equal(doc.getText(), decided);
    assert.deepEqual((await snapshot()).sessions.map((s) => s.pending), [1]);
    await vscode.commands.executeCommand('relayAssistant.undoDecision');
    await vscode.commands.executeCommand('relayAssistant.undoDecision');
    assert.deepEqual((await snapshot()).sessions.map((s) => s.pending), [3], 'back before any decision, still in review');
    assert.equal(doc.getText(), changed);

    // An Undo before any decision is the editor's own: it takes the proposal back and ends the review.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('relayAssistant.undoDecision');
    assert.equal(doc.getText(), FILE);
    assert.equal(await lastEnd(), 'undone');
    await diskBecomes(path, FILE);
    assertOnlyWholeVersions(reader.stop(), [FILE, changed, decided]);
  });

  it('Ctrl+Z (Undo Decision) before any decision is the editor\'s Undo: the original is back and the review ends', async () => {
    const { path, doc } = await openFile();
    assert.equal(await apply(doc, WITH_TAX), 'review');
    assert.notEqual(doc.getText(), FILE);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('relayAssistant.undoDecision');
    assert.equal(doc.getText(), FILE);
    assert.equal(await lastEnd(), 'undone');
    await diskBecomes(path, FILE);
  });

  it('Esc on a streaming refactor says in the status bar that it was cancelled and that what was generated counts in the session cost', async () => {
    const { doc, editor } = await openFile();
    selectLines(editor, 3, 7);
    serveChats(sim, { steps: [...streamSteps(['```js\nfunction total(items) {\n  let sum = 0;\n'], { finish: null, done: false }), { stall: true }] });
    const outcome = refactor();
    await received(doc, 2);
    await vscode.commands.executeCommand('relayAssistant.cancelEdit');
    assert.equal(await outcome, 'cancelled');
    const { notice } = await until((s) => s.notice.includes('cancelled'), 'the cancel notice');
    assert.match(notice, /^Relay Assistant: Refactor cancelled after 2 lines; the file was not changed\. What was generated is billed: (it cost \$[\d.]+( estimated)?|its cost is unknown \(no price for this model\)), counted in the session cost\.$/);
    assert.equal(doc.getText(), FILE);
  });
});

describe('apply: the Apply buttons say what they will do', function () {
  this.timeout(60_000);
  let view: WebviewProbe;

  before(async () => {
    relay = await useSimulatedRelay();
    sim = relay.sim;
    await openRealChatView();
    view = await WebviewProbe.attach();
    await view.ready();
    dir = join(vscode.workspace.workspaceFolders![0].uri.fsPath, `.apply-labels-${process.pid}`);
    mkdirSync(dir, { recursive: true });
  });

  after(async () => {
    view?.dispose();
    await closeAll();
    await relay.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('for the active editor: the matching function, the whole file, or the selection; again when the selection changes', async () => {
    const { editor } = await openFile();
    const first = view.next('applyLabels');
    view.send({ type: 'codeBlocks', blocks: [{ id: 'm1:0', code: WITH_TAX, language: 'js' }, { id: 'm1:1', code: SNIPPET, language: 'js' }] });
    const labels = (await first).labels;
    assert.deepEqual(labels.map((l) => [l.id, l.label]), [['m1:0', 'Apply to withTax()'], ['m1:1', 'Apply to file']]);
    assert.match(labels[0].title, /lines 10–12/);
    assert.match(labels[1].title, /merges it into the whole file/);

    const next = view.next('applyLabels');
    selectLines(editor, 1, 1);
    assert.deepEqual((await next).labels.map((l) => l.label), ['Replace selection', 'Replace selection']);
  });
});
