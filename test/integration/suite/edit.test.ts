// Explain / Refactor inside a real VS Code against the relay simulator: a refactor streams
// (the file keeps its original lines until the proposal is whole), the proposal lands in one
// edit, hunks are accepted / rejected through the CodeLens commands, cancel and failures leave
// the original, and nothing (decorations, sessions) survives the end of a change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REFACTOR_SYSTEM_PROMPT } from '../../../src/core/edit/index';
import { InternalCommands } from '../../../src/features/context';
import { type Simulator } from '../../support/simulator';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';
import { errorScenario, streamScenario, streamSteps } from '../../support/sse';
import { assertNothingLeft, clickLens, closeAll, gated, lastEnd, open, received, refactor, selectLines, serveChats as serve, setHooks, snapshot, type Answer } from './edit-support';

const ORIGINAL = ['function total(items) {', '  var sum = 0;', '  for (var i = 0; i < items.length; i++) sum += items[i].price;', '  return sum;', '}', ''].join('\n');
/** The model's reply: prose, a fenced block (two changed lines: 2 and 4), prose. Split at awkward places. */
const REPLY_PIECES = [
  'Here is the refactored code:\n\n``',
  '`js\nfunction total(items) {\n  let sum = 0;\n  for (var i = 0; i < items.length; i++) sum += items[i].price;\n',
  '  return Number(sum);\n}\n``',
  '`\nI replaced var with let.',
];
/** What the document holds while the review is pending: the whole proposal (the removed lines are markers, not text). */
const PROPOSAL = ORIGINAL.replace('var sum', 'let sum').replace('return sum;', 'return Number(sum);');

let sim: Simulator;
let relay: SimulatedRelay;

const serveChats = (...answers: Answer[]) => serve(sim, ...answers);

function chatRequests(): { messages: { role: string; content: string }[]; stream: boolean }[] {
  return sim.requests.filter((r) => r.method === 'POST').map((r) => r.body);
}

describe('edit: Explain and Refactor selection', function () {
  this.timeout(30_000);

  before(async () => {
    relay = await useSimulatedRelay();
    sim = relay.sim;
    await setHooks({});
  });

  after(async () => {
    // Explain asked in the chat: stop its answer if it still streams and leave a new conversation, so a later suite's chat starts clean
    await vscode.commands.executeCommand('relayAssistant.newChat');
    await relay.restore();
  });

  beforeEach(() => sim.reset());
  afterEach(closeAll);

  it('streams the refactor, shows the whole proposal for review, then accepting one hunk and rejecting the other gives exactly that text', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    serveChats(streamScenario(REPLY_PIECES));

    assert.equal(await refactor(), 'review');
    assert.equal(doc.getText(), PROPOSAL);
    const state = await snapshot();
    assert.deepEqual(state.sessions.map(({ uri, phase, pending }) => ({ uri, phase, pending })), [{ uri: doc.uri.toString(), phase: 'review', pending: 2 }]);
    assert.deepEqual(state.decorated, [doc.uri.toString()]);

    const body = chatRequests()[0];
    assert.equal(body.stream, true);
    assert.equal(body.messages[0].content, REFACTOR_SYSTEM_PROMPT);
    assert.ok(body.messages[1].content.includes('Use let and make the result a number'));
    assert.ok(body.messages[1].content.trimEnd().endsWith('```javascript\n' + ORIGINAL.trimEnd() + '\n```'));

    await clickLens(doc, 'Accept', 0);
    assert.equal(doc.getText(), PROPOSAL, 'accepting keeps the text as it is');
    assert.equal((await snapshot()).sessions[0]?.pending, 1);
    await clickLens(doc, 'Reject', 1);
    assert.equal(doc.getText(), ORIGINAL.replace('var sum', 'let sum'));
    await assertNothingLeft();
  });

  it('Accept All keeps the document\'s CRLF line endings and one Undo restores the original', async () => {
    const crlf = ORIGINAL.replace(/\n/g, '\r\n');
    const { doc, editor } = await open(crlf);
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    selectLines(editor, 0, 4);
    serveChats(streamScenario(REPLY_PIECES));
    assert.equal(await refactor(), 'review');

    assert.equal(await clickLens(doc, 'Accept All'), 'accepted');
    const accepted = crlf.replace('var sum', 'let sum').replace('return sum;', 'return Number(sum);');
    assert.equal(doc.getText(), accepted);
    await assertNothingLeft();

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), crlf);
  });

  for (const command of ['relayAssistant.cancelEdit', 'relayAssistant.rejectAllEdits']) {
    it(`${command} mid-stream closes the request; the file never held any of the change`, async () => {
      const { doc, editor } = await open(ORIGINAL);
      selectLines(editor, 1, 3);
      serveChats({ steps: [...streamSteps(['```js\n  let sum = 0;\n  let more = 1;\n'], { finish: null, done: false }), { stall: true }] });
      const closed = sim.waitForClose();
      const outcome = refactor();
      await received(doc, 2);
      assert.deepEqual((await snapshot()).sessions.map((s) => s.phase), ['streaming']);
      assert.equal(doc.getText(), ORIGINAL, 'nothing is written while the answer streams');

      await vscode.commands.executeCommand(command);
      assert.equal(await outcome, 'cancelled');
      await closed;
      assert.equal(doc.getText(), ORIGINAL);
      await assertNothingLeft();
    });
  }

  it('a failed refactor leaves the document exactly as it was', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    serveChats(errorScenario(400, { message: 'bad request', type: 'invalid_request_error' }));
    assert.equal(await refactor(), 'failed');
    assert.equal(doc.getText(), ORIGINAL);
    await assertNothingLeft();
  });

  it('a stream cut after some code fails and restores the original', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    serveChats({ steps: [...streamSteps(['```js\nfunction total(items) {\n  let x;\n'], { finish: null, done: false }), { reset: true }] });
    assert.equal(await refactor(), 'failed');
    assert.equal(doc.getText(), ORIGINAL);
    await assertNothingLeft();
  });

  it('an edit inside the region while it streams stops the change and keeps the user\'s edit', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 1, 3);
    serveChats({ steps: [...streamSteps(['```js\n  let sum = 0;\n'], { finish: null, done: false }), { stall: true }] });
    const outcome = refactor();
    await received(doc, 1);
    // The user types into a line being rewritten.
    await editor.edit((b) => b.insert(new vscode.Position(2, 2), '/* mine */ '));

    assert.equal(await outcome, 'conflict');
    assert.equal(doc.getText(), ORIGINAL.replace('  for', '  /* mine */ for'));
    assert.equal(await lastEnd(), 'conflict');
    await assertNothingLeft();
  });

  it('edits above the region while the request runs keep working: the change lands on the moved lines', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    const gate = gated(streamScenario(REPLY_PIECES));
    serveChats(gate.answer);
    const outcome = refactor();
    await gate.requested;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// header\n'));
    gate.release();

    assert.equal(await outcome, 'review');
    assert.equal(doc.getText(), '// header\n' + PROPOSAL);
    await clickLens(doc, 'Reject', 0);
    await clickLens(doc, 'Accept All');
    assert.equal(doc.getText(), '// header\n' + ORIGINAL.replace('return sum;', 'return Number(sum);'));
  });

  it('typing in an unchanged line during review is kept, and the review goes on', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    serveChats(streamScenario(REPLY_PIECES));
    assert.equal(await refactor(), 'review');
    const forLine = PROPOSAL.split('\n').findIndex((l) => l.startsWith('  for'));
    await editor.edit((b) => b.insert(new vscode.Position(forLine, doc.lineAt(forLine).text.length), ' // loop'));
    assert.equal((await snapshot()).sessions[0]?.pending, 2);

    await clickLens(doc, 'Reject All');
    assert.equal(doc.getText(), ORIGINAL.replace('.price;', '.price; // loop'));
    await assertNothingLeft();
  });

  it('Undo during review brings the original back and quietly ends the review', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    serveChats(streamScenario(REPLY_PIECES));
    assert.equal(await refactor(), 'review');
    assert.ok(editor.selection.isEmpty, 'the selection no longer covers the region');
    assert.equal(doc.getText(), PROPOSAL);

    // The proposal is one edit with undo stops on both sides: one Undo takes exactly it back.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), ORIGINAL);
    // The change event of the Undo arrives before the command returns, and ends the review at once.
    assert.equal(await lastEnd(), 'undone', 'an Undo back to the original is not reported as a conflict');
    await assertNothingLeft();
    assert.equal(doc.getText(), ORIGINAL);
  });

  it('runs refactors in two files at once, each with its own review', async () => {
    const first = await open(ORIGINAL);
    selectLines(first.editor, 0, 4);
    const gate = gated(streamScenario(REPLY_PIECES));
    serveChats(gate.answer, streamScenario(['```js\nconst b = 3;\n```']));
    const firstOutcome = refactor();
    await gate.requested;

    const second = await open('const a = 1;\nconst b = 2;\n');
    selectLines(second.editor, 1, 1);
    assert.equal(await refactor(), 'review');
    gate.release();
    assert.equal(await firstOutcome, 'review');
    assert.equal((await snapshot()).sessions.length, 2);

    await clickLens(second.doc, 'Reject All');
    await clickLens(first.doc, 'Accept All');
    assert.equal(second.doc.getText(), 'const a = 1;\nconst b = 2;\n');
    assert.equal(first.doc.getText(), PROPOSAL);
    await assertNothingLeft();
  });

  it('closing the file cancels its pending change and the request', async () => {
    const { doc, editor } = await open(ORIGINAL);
    selectLines(editor, 0, 4);
    serveChats({ steps: [...streamSteps(['```js\nlet x;\n'], { finish: null, done: false }), { stall: true }] });
    const closed = sim.waitForClose();
    const outcome = refactor();
    await received(doc, 1);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(await outcome, 'closed');
    await closed;
    await assertNothingLeft();
  });

  it('Apply Code reviews a code block against the given lines without a request', async () => {
    const { doc } = await open(ORIGINAL);
    const code = '  let sum = 0;\n  for (const item of items) sum += item.price;';
    const outcome = await vscode.commands.executeCommand(InternalCommands.applyCode, { uri: doc.uri.toString(), range: [1, 0, 2, 10], code });
    assert.equal(outcome, 'review');
    assert.equal(chatRequests().length, 0);
    const lines = ORIGINAL.split('\n');
    const proposal = [lines[0], code, ...lines.slice(3)].join('\n');
    assert.equal(doc.getText(), proposal, 'the whole proposal, in one edit');
    await clickLens(doc, 'Accept All');
    assert.equal(doc.getText(), proposal);
    await assertNothingLeft();
  });

  it('Apply Code without a range or a selection reviews the whole document', async () => {
    const { doc } = await open('a\nb\nc\n');
    const outcome = await vscode.commands.executeCommand(InternalCommands.applyCode, { uri: doc.uri.toString(), code: 'a\nB\nc' });
    assert.equal(outcome, 'review');
    assert.equal(doc.getText(), 'a\nB\nc\n');
    assert.equal(await clickLens(doc, 'Reject'), 'rejected');
    assert.equal(doc.getText(), 'a\nb\nc\n');
    await assertNothingLeft();
  });

  it('Explain sends the selection with its location to the chat, which asks the relay', async () => {
    const { editor } = await open(ORIGINAL);
    selectLines(editor, 1, 2);
    const answer = gated(streamScenario(['It adds ', 'up the prices.']));
    answer.release();
    serveChats(answer.answer);
    await vscode.commands.executeCommand('relayAssistant.explainSelection');
    await answer.requested;
    const user = chatRequests()[0].messages.filter((m) => m.role === 'user').pop()!.content;
    assert.ok(user.includes('lines 2-3'), user);
    assert.ok(user.includes('var sum = 0;'));
    assert.ok(user.includes('function total(items) {'), 'surrounding lines are included');
  });
});
