// A refactor of a real workspace file against the demo relay: the lines after the selection
// must come through the streaming diff untouched, and Accept All must give exactly the
// demo's rewrite of the selected lines followed by the rest of the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoResponder } from '../../support/demo';
import type { Simulator } from '../../support/simulator';
import { useSimulatedRelay, type SimulatedRelay } from '../relay';

describe('refactor a workspace file with the demo relay', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let relay: SimulatedRelay;

  before(async () => {
    relay = await useSimulatedRelay({});
    sim = relay.sim;
  });

  after(async () => {
    await relay.restore();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a selection too large for the model before sending anything, leaving the file as it was', async () => {
    sim.setResponder(demoResponder({ deltaDelayMs: 0 }));
    const config = vscode.workspace.getConfiguration('relayAssistant');
    await config.update('model', 'tiny', vscode.ConfigurationTarget.Workspace);
    await config.update('models', { tiny: { contextWindow: 300 } }, vscode.ConfigurationTarget.Workspace);
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: Array.from({ length: 60 }, (_, i) => `var line${i} = ${i};`).join('\n') + '\n' });
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const original = doc.getText();
      editor.selection = new vscode.Selection(0, 0, 60, 0);
      // Only requests for an answer count: changing relayAssistant.models may make VS Code (1.104+, through
      // our language model provider) look up the relay's model list at any moment.
      const asked = () => sim.requests.filter((r) => r.method === 'POST').length;
      const requestsBefore = asked();
      const outcome = await vscode.commands.executeCommand<string>('relayAssistant.refactorSelection', { instruction: 'Modernise' });
      assert.equal(outcome, 'too-long');
      assert.equal(asked(), requestsBefore, 'nothing was sent');
      assert.equal(doc.getText(), original);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await config.update('model', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('models', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  for (const deltaDelayMs of [0, 15]) {
    it(`keeps the text after the selection intact (deltas every ${deltaDelayMs} ms)`, async () => {
      sim.setResponder(demoResponder({ deltaDelayMs }));
      const [uri] = await vscode.workspace.findFiles('src/cart.js');
      assert.ok(uri, 'the fixture workspace has src/cart.js');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const original = doc.getText();
      const lines = original.split('\n');
      const rest = lines.slice(11).join('\n');
      editor.selection = new vscode.Selection(0, 0, 11, 0);
      const outcome = await vscode.commands.executeCommand<string>('relayAssistant.refactorSelection', { instruction: 'Modernise' });
      assert.equal(outcome, 'review');
      assert.ok(doc.getText().endsWith(rest), `the lines after the selection changed:\n${doc.getText()}`);
      await vscode.commands.executeCommand('relayAssistant.acceptAllEdits');
      const after = doc.getText();
      assert.ok(after.endsWith(rest), `after Accept All the rest of the file changed:\n${after}`);
      assert.match(after, /let total = 0;/);
      assert.doesNotMatch(after.slice(0, after.length - rest.length), /\bvar\b/);
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), original, 'one Undo restores the original');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
