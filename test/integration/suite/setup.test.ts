// Choose Relay in a real VS Code against the relay simulator: the picker's presets, a custom URL,
// the key asked for its origin, the connection test and what the user is shown (reachable, 401,
// wrong path, closed port), the fix buttons, and the settings written (user scope only).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { KEY_TEST_HOOKS_COMMAND, type KeyTestHooks } from '../../../src/features/keyCommands';
import { startSimulator, type Simulator } from '../../support/simulator';
import { closedPort, serveSetupRelay, withoutV1 } from '../../support/setupRelay';
import { WebviewProbe, chatTestHooks, freshConversation } from '../webviewProbe';

// Made up at run time, never a literal that passes for a key.
const KEY = ['setup', 'relay', 'key', Date.now().toString(36)].join('-');

const win = vscode.window as unknown as Record<string, unknown>;
const config = () => vscode.workspace.getConfiguration('relayAssistant');

interface Shown {
  level: 'info' | 'warning' | 'error';
  text: string;
  buttons: string[];
}

/** Stubs the window's UI for one run of Choose Relay: the picker, input boxes, messages, quick picks. */
class ScriptedUi {
  readonly shown: Shown[] = [];
  readonly pickerItems: vscode.QuickPickItem[][] = [];
  readonly inputs: string[] = [];
  private readonly saved = new Map<string, unknown>();

  constructor(
    private readonly script: {
      pick: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;
      input: (title: string) => string | undefined;
      button?: (s: Shown) => string | undefined;
      quickPick?: (labels: string[]) => string | undefined;
    },
  ) {
    for (const name of ['createQuickPick', 'showInputBox', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'showQuickPick']) this.saved.set(name, win[name]);
    win.createQuickPick = () => this.fakePicker();
    win.showInputBox = async (o?: vscode.InputBoxOptions) => {
      this.inputs.push(`${o?.title ?? ''} | ${o?.prompt ?? ''}`);
      return this.script.input(o?.title ?? '');
    };
    const message = (level: Shown['level']) => async (text: string, ...rest: unknown[]) => {
      const s: Shown = { level, text, buttons: rest.filter((r): r is string => typeof r === 'string') };
      this.shown.push(s);
      return this.script.button?.(s);
    };
    win.showInformationMessage = message('info');
    win.showWarningMessage = message('warning');
    win.showErrorMessage = message('error');
    win.showQuickPick = async (items: readonly vscode.QuickPickItem[]) => {
      const label = this.script.quickPick?.((await items).map((i) => i.label));
      return (await items).find((i) => i.label === label);
    };
  }

  restore(): void {
    for (const [name, fn] of this.saved) win[name] = fn;
  }

  /** A quick pick that picks once its items satisfy the script (after the detection, when `busy` ends). */
  private fakePicker(): vscode.QuickPick<vscode.QuickPickItem> {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    let items: readonly vscode.QuickPickItem[] = [];
    let busy = false;
    const picker = {
      title: '', placeholder: '', matchOnDetail: false, selectedItems: [] as vscode.QuickPickItem[], activeItems: [] as vscode.QuickPickItem[],
      get items() { return items; },
      set items(v) { items = v; },
      get busy() { return busy; },
      set busy(v: boolean) {
        busy = v;
        if (!v) settle();
      },
      onDidAccept: accept.event,
      onDidHide: hide.event,
      show: () => (busy ? undefined : settle()),
      dispose: () => undefined,
    };
    const settle = (): void => {
      this.pickerItems.push([...items]);
      const chosen = this.script.pick(items);
      if (!chosen) return hide.fire();
      picker.selectedItems = [chosen];
      accept.fire();
    };
    return picker as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  }
}

const UNTRUSTED_RUN = process.env.RELAY_TEST_UNTRUSTED === '1';

/** Waits for `condition` (a state the product reaches), failing with `what` after a deadline. */
async function until(what: string, condition: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const custom = (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label.includes('Custom URL'));

(UNTRUSTED_RUN ? describe.skip : describe)('setup: Choose Relay', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let keys: KeyTestHooks;

  before(async () => {
    sim = await startSimulator();
    await chatTestHooks(); // activates the extension
    keys = (await vscode.commands.executeCommand<KeyTestHooks>(KEY_TEST_HOOKS_COMMAND))!;
  });

  beforeEach(async () => {
    sim.reset();
    await keys.clearAll();
    for (const key of ['baseUrl', 'model']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await keys.clearAll();
    for (const key of ['baseUrl', 'model']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await sim.close();
  });

  async function run(ui: ScriptedUi): Promise<boolean | undefined> {
    try {
      return await vscode.commands.executeCommand<boolean>('relayAssistant.chooseRelay');
    } finally {
      ui.restore();
    }
  }

  it('a custom relay that needs a key: the test says so, Set API Key asks for its origin, then what it found; Choose Model offers its models; user settings only', async () => {
    serveSetupRelay(sim, { key: KEY });
    const ui = new ScriptedUi({
      pick: custom,
      input: (title) => (title.includes('Custom Relay') ? `${sim.url}/chat/completions` : KEY),
      button: (s) => (s.buttons.includes('Choose Model') ? 'Choose Model' : s.level === 'error' ? 'Set API Key' : undefined),
      quickPick: (labels) => labels.find((l) => l === 'sim-large'),
    });
    assert.equal(await run(ui), true);
    const first = ui.shown.find((s) => s.level === 'error');
    assert.ok(first, `no error was shown: ${JSON.stringify(ui.shown)}`);
    assert.match(first.text, /needs an API key \(HTTP 401\), and none is set for http:\/\/127\.0\.0\.1:\d+\./);
    assert.deepEqual(first.buttons, ['Set API Key', 'Choose Relay', 'Open Output']);
    const labels = ui.pickerItems.at(-1)!.map((i) => i.label.replace(/^\$\([a-z-]+\) /, ''));
    for (const name of ['HolySheep', 'OpenRouter', 'OpenAI', 'DeepSeek', 'Groq', 'Together AI', 'Ollama', 'LM Studio', 'vLLM', 'llama.cpp', 'Custom URL…']) assert.ok(labels.includes(name), `${name} is not offered: ${labels.join(', ')}`);
    const origin = new URL(sim.url).origin;
    assert.match(ui.inputs[1], new RegExp(`Set API Key for ${origin.replace(/[.]/g, '\\.')}`));
    // the configured model (the default, gpt-4.1) is not among the relay's: a warning that says so, with Choose Model
    const result = ui.shown.find((s) => s.level === 'warning');
    assert.ok(result, `no result was shown: ${JSON.stringify(ui.shown)}`);
    assert.match(result.text, /^Relay Assistant: Connected to 127\.0\.0\.1:\d+ \(\d+ ms\): key accepted, 2 models, streaming OK \(first token \d+ ms, sim-model\)\. Your model is not offered here \(tested with sim-model\): choose one\.$/);
    assert.deepEqual(result.buttons, ['Choose Model']);
    const baseUrl = config().inspect<string>('baseUrl')!;
    assert.equal(baseUrl.globalValue, sim.url, 'the pasted endpoint was not cut back to the base URL');
    assert.equal(baseUrl.workspaceValue, undefined, 'a workspace setting was written');
    assert.equal(config().inspect<string>('model')!.globalValue, 'sim-large');
    assert.equal(config().inspect<string>('model')!.workspaceValue, undefined);
    const post = sim.requests.find((r) => r.method === 'POST')!;
    assert.equal(post.headers.authorization, `Bearer ${KEY}`);
    assert.equal(post.body.stream, true);
  });

  it('a wrong key (401): the error says the key was rejected; Set API Key asks again and the test passes', async () => {
    serveSetupRelay(sim, { key: KEY });
    await config().update('baseUrl', sim.url, vscode.ConfigurationTarget.Global);
    const wrong = new ScriptedUi({ pick: () => undefined, input: () => 'a-wrong-key' });
    try {
      await vscode.commands.executeCommand('relayAssistant.setApiKey');
    } finally {
      wrong.restore();
    }
    const ui = new ScriptedUi({
      pick: custom,
      input: (title) => (title.includes('Custom Relay') ? sim.url : KEY),
      button: (s) => (s.level === 'error' ? 'Set API Key' : undefined),
    });
    await run(ui);
    const error = ui.shown.find((s) => s.level === 'error')!;
    assert.match(error.text, /rejected the API key \(HTTP 401\): set the key for http:\/\/127\.0\.0\.1:\d+ again\./);
    assert.deepEqual(error.buttons, ['Set API Key', 'Choose Relay', 'Open Output']);
    assert.match(ui.shown.at(-1)!.text, /Connected to .*key accepted/);
  });

  it('a base URL without /v1 (404): "did you mean …/v1?" with a button that uses it', async () => {
    serveSetupRelay(sim);
    const ui = new ScriptedUi({
      pick: custom,
      input: (title) => (title.includes('Custom Relay') ? withoutV1(sim) : undefined),
      button: (s) => s.buttons.find((b) => b.startsWith('Use ')),
    });
    await run(ui);
    const error = ui.shown.find((s) => s.level === 'error')!;
    assert.match(error.text, /has no OpenAI API \(HTTP 404\); the relay answers at .*\/v1\. Did you mean http:\/\/127\.0\.0\.1:\d+\/v1\?/);
    assert.equal(error.buttons[0], `Use ${sim.url}`);
    assert.equal(config().inspect<string>('baseUrl')!.globalValue, sim.url);
    assert.match(ui.shown.at(-1)!.text, /Connected to .*no key needed, 2 models, streaming OK/);
  });

  it('a closed port: one sentence, with Choose Relay and Open Output', async () => {
    const port = await closedPort();
    const ui = new ScriptedUi({ pick: custom, input: (title) => (title.includes('Custom Relay') ? `http://127.0.0.1:${port}/v1` : undefined) });
    await run(ui);
    const error = ui.shown.find((s) => s.level === 'error')!;
    assert.equal(error.text, `Relay Assistant: 127.0.0.1:${port}: Nothing is listening at 127.0.0.1:${port} (connection refused): start the server there, or choose another relay.`);
    assert.deepEqual(error.buttons, ['Choose Relay', 'Open Output']);
    assert.equal(config().inspect<string>('baseUrl')!.globalValue, `http://127.0.0.1:${port}/v1`);
  });

  it('Set API Key offers Test Connection, which tests the relay in use and says what it found', async () => {
    serveSetupRelay(sim, { key: KEY, models: ['sim-model'] });
    await config().update('baseUrl', sim.url, vscode.ConfigurationTarget.Global);
    await config().update('model', 'sim-model', vscode.ConfigurationTarget.Global);
    const ui = new ScriptedUi({ pick: () => undefined, input: () => KEY, button: (s) => (s.buttons.includes('Test Connection') ? 'Test Connection' : undefined) });
    try {
      await vscode.commands.executeCommand('relayAssistant.setApiKey');
      await until('the connection test to report', () => ui.shown.some((s) => /Connected to/.test(s.text)));
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.shown[0].buttons, ['Test Connection', 'Choose Relay']);
    assert.match(ui.shown.at(-1)!.text, /^Relay Assistant: Connected to 127\.0\.0\.1:\d+ \(\d+ ms\): key accepted, 1 model, streaming OK \(first token \d+ ms, sim-model\)\.$/);
    assert.equal(ui.shown.at(-1)!.level, 'info');
  });

  it('the chat on a closed port: one sentence, nothing repeated below it; Choose Relay in the error box fixes the base URL and the question is asked again', async () => {
    serveSetupRelay(sim, { models: ['sim-model'] });
    const port = await closedPort();
    await config().update('baseUrl', `http://127.0.0.1:${port}/v1`, vscode.ConfigurationTarget.Global);
    await config().update('model', 'sim-model', vscode.ConfigurationTarget.Global);
    await config().update('maxRetries', 0, vscode.ConfigurationTarget.Global);
    const view = await WebviewProbe.attach();
    try {
      // A new conversation with the relay's model: an earlier suite's conversation (Explain's, say) keeps its own model, which this relay does not know.
      await freshConversation(view);
      const chosen = view.next('models', (m) => m.selected === 'sim-model');
      view.send({ type: 'selectModel', model: 'sim-model' });
      await chosen;
      const failed = view.next('messageFinished');
      view.send({ type: 'send', text: 'hello?' });
      const end = await failed;
      assert.equal(end.state, 'error');
      assert.equal(end.error?.message, `Nothing is listening at 127.0.0.1:${port} (connection refused): start the server there, or choose another relay.`);
      assert.equal(end.error?.detail, null, 'the cause is said twice');
      assert.deepEqual(end.error?.actions, ['chooseRelay', 'retry', 'openOutput']);

      const ui = new ScriptedUi({ pick: custom, input: (title) => (title.includes('Custom Relay') ? sim.url : undefined) });
      const answered = view.next('messageFinished', (m) => m.id !== end.id);
      try {
        view.send({ type: 'errorAction', messageId: end.id, action: 'chooseRelay' });
        const again = await answered;
        assert.equal(again.state, 'done', `the question asked again failed: ${again.error?.message}`);
      } finally {
        ui.restore();
      }
      assert.equal(config().inspect<string>('baseUrl')!.globalValue, sim.url);
      assert.ok(sim.requests.some((r) => r.method === 'POST' && JSON.stringify(r.body).includes('hello?')), 'the question was not asked again at the new relay');
    } finally {
      view.dispose();
      await config().update('maxRetries', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a trusted workspace that sets its own relay: asked which to change, never silently; the user relay is saved and the override said', async () => {
    serveSetupRelay(sim);
    const other = await startSimulator();
    try {
      await config().update('baseUrl', other.url, vscode.ConfigurationTarget.Workspace);
      const ui = new ScriptedUi({
        pick: custom,
        input: (title) => (title.includes('Custom Relay') ? sim.url : undefined),
        button: (s) => (s.buttons.includes('Change My User Relay') ? 'Change My User Relay' : undefined),
      });
      await run(ui);
      assert.match(ui.shown[0].text, /This workspace's settings choose the relay \(http:\/\/127\.0\.0\.1:\d+\/v1\)/);
      assert.equal(config().inspect<string>('baseUrl')!.globalValue, sim.url);
      assert.equal(config().inspect<string>('baseUrl')!.workspaceValue, other.url, 'the workspace setting was changed');
      assert.ok(ui.shown.some((s) => s.text.includes(`this workspace's settings override it: requests here still go to ${other.url}`)), ui.shown.map((s) => s.text).join('\n'));
    } finally {
      await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await other.close();
    }
  });
});

(UNTRUSTED_RUN ? describe : describe.skip)('setup: Restricted Mode (trust: untrusted workspace)', function () {
  this.timeout(60_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const settingsFile = () => join(root(), '.vscode', 'settings.json');
  let before: string | undefined;

  after(async () => {
    if (before === undefined) rmSync(settingsFile(), { force: true });
    else writeFileSync(settingsFile(), before);
    rmSync(join(root(), 'AGENTS.md'), { force: true });
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the chat says the workspace baseUrl, its headers and AGENTS.md are ignored until trusted; Choose Relay saves in user settings and says so', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this run must open the workspace in Restricted Mode');
    const sim = await startSimulator();
    const workspaceRelay = await startSimulator();
    try {
      serveSetupRelay(sim);
      before = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : undefined;
      mkdirSync(join(settingsFile(), '..'), { recursive: true });
      writeFileSync(join(root(), 'AGENTS.md'), '# Agents\nAlways answer in French.\n');
      writeFileSync(settingsFile(), JSON.stringify({ 'relayAssistant.baseUrl': workspaceRelay.url, 'relayAssistant.headers': { 'X-Repo': '1' }, 'relayAssistant.review.concurrency': 3 }));
      await until('VS Code to read the workspace settings', () => config().inspect('review.concurrency')?.workspaceValue === 3);

      await chatTestHooks();
      const view = await WebviewProbe.attach();
      const notice = view.next('relay', (m) => !!m.relay.restricted?.includes('AGENTS.md') && m.relay.restricted.includes(workspaceRelay.url));
      await view.ready();
      const relay = (await Promise.race([notice, new Promise<never>((_r, reject) => setTimeout(() => reject(new Error(`no Restricted Mode notice; the view got: ${JSON.stringify(view.received.filter((m) => m.type === 'relay'))}`)), 15_000))])).relay;
      assert.equal(
        relay.restricted,
        `Restricted Mode: until you trust this workspace, its settings baseUrl (${workspaceRelay.url}) and headers are ignored, and AGENTS.md is not given to the model. Requests go to the relay in your user settings, and Choose Relay changes those.`,
      );
      assert.notEqual(relay.baseUrl, workspaceRelay.url);
      view.dispose();

      const ui = new ScriptedUi({ pick: custom, input: (title) => (title.includes('Custom Relay') ? sim.url : undefined) });
      try {
        await vscode.commands.executeCommand('relayAssistant.chooseRelay');
      } finally {
        ui.restore();
      }
      assert.ok(!ui.shown.some((s) => /Which one should Choose Relay change/.test(s.text)), 'an untrusted workspace was offered as a place to save');
      assert.equal(ui.pickerItems.length, 1);
      assert.equal(config().inspect<string>('baseUrl')!.globalValue, sim.url);
      assert.ok(ui.shown.some((s) => s.text === `Relay Assistant: Saved in your user settings. This workspace's own relay (${workspaceRelay.url}) is ignored in Restricted Mode; if you trust the workspace, it applies instead.`), ui.shown.map((s) => s.text).join('\n'));
      assert.ok(ui.shown.some((s) => /Connected to 127\.0\.0\.1/.test(s.text)), ui.shown.map((s) => s.text).join('\n'));
      assert.deepEqual(workspaceRelay.requests, [], 'the workspace relay was contacted');
    } finally {
      await sim.close();
      await workspaceRelay.close();
    }
  });
});
