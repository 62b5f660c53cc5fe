// Trust, in a real VS Code with two loopback relays: the user's relay (user settings, the key
// stored for its origin) and a "workspace" relay named by the workspace's settings, which
// records every request. What each relay received is the evidence.
//  - untrusted (run by the launcher in a second VS Code with workspace trust on,
//    RELAY_TEST_UNTRUSTED=1): the workspace relay receives nothing at all;
//  - trusted: the workspace relay is used but never gets the user's key; the user is asked for its own;
//  - a key stored by an earlier version (one key for every relay) is bound to the user's relay and keeps working.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { KEY_TEST_HOOKS_COMMAND, type KeyTestHooks } from '../../../src/features/keyCommands';
import type { HostToWebview } from '../../../src/protocol';
import { startSimulator, type RecordedRequest, type Simulator } from '../../support/simulator';
import { modelList, streamScenario } from '../../support/sse';
import { WebviewProbe, chatTestHooks } from '../webviewProbe';

const UNTRUSTED_RUN = process.env.RELAY_TEST_UNTRUSTED === '1';
// Made up at run time: recognisable if they leak, never a literal that passes for a key.
const USER_KEY = ['user', 'relay', 'key', Date.now().toString(36), 'q7'].join('-');
const WORKSPACE_KEY = ['workspace', 'relay', 'key', Date.now().toString(36), 'z3'].join('-');
const SCHEME = 'Bear' + 'er';

type Window = { showInputBox: typeof vscode.window.showInputBox; showWarningMessage: typeof vscode.window.showWarningMessage };
const win = vscode.window as unknown as Window;

/** Replaces the input box (Set API Key) with one that records its options and answers `value`. */
function stubInputBox(value: () => string | undefined): { titles: string[]; restore(): void } {
  const original = win.showInputBox;
  const titles: string[] = [];
  win.showInputBox = (async (o?: vscode.InputBoxOptions) => {
    titles.push(`${o?.title ?? ''} | ${o?.prompt ?? ''}`);
    return value();
  }) as typeof vscode.window.showInputBox;
  return { titles, restore: () => (win.showInputBox = original) };
}

/** Records warnings and picks `pick(message)` (undefined: dismissed). */
function stubWarnings(pick: (message: string, items: string[]) => string | undefined): { messages: string[]; restore(): void } {
  const original = win.showWarningMessage;
  const messages: string[] = [];
  win.showWarningMessage = (async (message: string, ...rest: unknown[]) => {
    messages.push(message);
    return pick(message, rest.filter((r): r is string => typeof r === 'string'));
  }) as typeof vscode.window.showWarningMessage;
  return { messages, restore: () => (win.showWarningMessage = original) };
}

/** Waits for `condition` (a state the product reaches), failing with `what` after a deadline. */
async function until(what: string, condition: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function headerValues(r: RecordedRequest): string {
  return Object.values(r.headers).flat().join('\n');
}

function answerAll(sim: Simulator): void {
  sim.setResponder((req) => (req.method === 'GET' ? { body: modelList(['sim-model']) } : streamScenario(['ok'])));
}

const config = () => vscode.workspace.getConfiguration('relayAssistant');

async function setApiKeyTo(key: string): Promise<string[]> {
  const box = stubInputBox(() => key);
  try {
    await vscode.commands.executeCommand('relayAssistant.setApiKey');
    return box.titles;
  } finally {
    box.restore();
  }
}

/** Records information messages (the masked-secrets notice). */
function stubInfos(): { messages: string[]; restore(): void } {
  const w = vscode.window as unknown as { showInformationMessage: typeof vscode.window.showInformationMessage };
  const original = w.showInformationMessage;
  const messages: string[] = [];
  w.showInformationMessage = (async (message: string) => void messages.push(message)) as typeof vscode.window.showInformationMessage;
  return { messages, restore: () => (w.showInformationMessage = original) };
}

describe('trust: keys belong to their relay', function () {
  this.timeout(60_000);
  let userRelay: Simulator;
  let workspaceRelay: Simulator;
  let view: WebviewProbe;
  let keys: KeyTestHooks;

  before(async () => {
    userRelay = await startSimulator();
    workspaceRelay = await startSimulator();
    await chatTestHooks(); // activates the extension
    keys = (await vscode.commands.executeCommand<KeyTestHooks>(KEY_TEST_HOOKS_COMMAND))!;
    assert.ok(typeof keys?.clearAll === 'function', 'the key test hooks are registered in ExtensionMode.Test');
    if (!UNTRUSTED_RUN) {
      // A stand-in chat view that records what it receives; questions are typed into it (the
      // view's `send`), so nothing reveals the real view and replaces the stand-in.
      view = await WebviewProbe.attach();
      await view.ready();
    }
  });

  after(async () => {
    view?.dispose();
    await keys.clearAll();
    for (const key of ['baseUrl', 'model', 'maxRetries']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await userRelay.close();
    await workspaceRelay.close();
  });

  async function useUserRelay(): Promise<void> {
    await keys.clearAll();
    await config().update('baseUrl', userRelay.url, vscode.ConfigurationTarget.Global);
    await config().update('model', 'sim-model', vscode.ConfigurationTarget.Global);
    await config().update('maxRetries', 0, vscode.ConfigurationTarget.Global);
    userRelay.reset();
    workspaceRelay.reset();
    answerAll(userRelay);
    answerAll(workspaceRelay);
  }

  type Finished = Extract<HostToWebview, { type: 'messageFinished' }>;

  /** Types `prompt` into the chat and resolves once the answer finished and the run ended. */
  async function ask(prompt: string): Promise<Finished> {
    const finished = view.next('messageFinished');
    const ended = view.next('busy', (m) => !m.busy);
    view.send({ type: 'send', text: prompt });
    const [end] = await Promise.all([finished, ended]);
    return end;
  }

  /** A new conversation (with the current model setting), then ask. */
  async function askAndFinish(prompt: string): Promise<Finished> {
    await newChat();
    return ask(prompt);
  }

  async function newChat(): Promise<void> {
    const state = view.next('state');
    view.send({ type: 'newChat' });
    await state;
  }

  (UNTRUSTED_RUN ? describe : describe.skip)('trust: untrusted workspace', () => {
    const settingsFile = () => join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
    let before: string | undefined;

    afterEach(() => {
      if (before === undefined) rmSync(settingsFile(), { force: true });
      else writeFileSync(settingsFile(), before);
    });

    it('a cloned repository whose settings name its own relay, headers and fallbacks receives nothing: not the model list, not a chat, not a review', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'this run must open the workspace in Restricted Mode');
      await useUserRelay();
      assert.match((await setApiKeyTo(USER_KEY))[0], new RegExp(new URL(userRelay.url).origin.replace(/[.]/g, '\\.')));
      // From here on every request must carry the key: one sent while the relay was set but its key not yet
      // stored (a model-list refresh between the two steps) is set-up, not what this test is about.
      userRelay.reset();
      // What a cloned repository's .vscode/settings.json says.
      before = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : undefined;
      mkdirSync(join(settingsFile(), '..'), { recursive: true });
      writeFileSync(settingsFile(), JSON.stringify({
        'relayAssistant.baseUrl': workspaceRelay.url,
        'relayAssistant.headers': { 'X-Workspace-Header': 'from-the-repository' },
        'relayAssistant.fallbackModels': ['workspace-fallback-model'],
        'relayAssistant.review.concurrency': 3,
      }));
      // An unrestricted setting from the same file shows that VS Code has read it.
      await until('VS Code to read the workspace settings', () => config().inspect('review.concurrency')?.workspaceValue === 3);
      // The user's relay fails the model, so a fallback chain (if one applied) would show.
      userRelay.setResponder((req) => (req.method === 'GET' ? { body: modelList(['sim-model']) } : { status: 404, body: { error: { message: 'no such model', code: 'model_not_found' } } }));

      // Opening the chat view fetches the model list: with these settings in place.
      const chat = await chatTestHooks();
      await vscode.commands.executeCommand('relayAssistant.chatView.focus');
      await chat.whenReady();
      await until('the chat to ask the user\'s relay for its models', () => userRelay.requests.some((r) => r.method === 'GET'));
      view = await WebviewProbe.attach();
      await view.ready();
      const end = await askAndFinish('hello from an untrusted workspace');
      await vscode.commands.executeCommand('relayAssistant.reviewWorkspace');

      assert.deepEqual(workspaceRelay.requests.map((r) => `${r.method} ${r.path}`), [], 'the workspace relay received requests');
      assert.equal(end.state, 'error', 'the chat did not get the user relay\'s model_not_found');
      const posts = userRelay.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1, `a workspace fallback model was tried: ${posts.map((r) => r.body.model).join(', ')}`);
      assert.notEqual(posts[0].body.model, 'workspace-fallback-model');
      for (const r of userRelay.requests) {
        assert.equal(r.headers.authorization, `${SCHEME} ${USER_KEY}`);
        assert.equal(r.headers['x-workspace-header'], undefined, 'a workspace header was sent');
      }
    });
  });

  (UNTRUSTED_RUN ? describe.skip : describe)('trust: trusted workspace', () => {
    afterEach(async () => {
      for (const key of ['baseUrl', 'headers', 'fallbackModels']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('a workspace relay never receives the user\'s key; the user is asked for that relay\'s own key, which then goes only there', async () => {
      await useUserRelay();
      await setApiKeyTo(USER_KEY);
      const workspaceOrigin = new URL(workspaceRelay.url).origin;
      const warnings = stubWarnings((m, items) => (m.includes(workspaceOrigin) && items.includes('Set API Key') ? 'Set API Key' : undefined));
      const box = stubInputBox(() => WORKSPACE_KEY);
      try {
        await config().update('baseUrl', workspaceRelay.url, vscode.ConfigurationTarget.Workspace);
        const first = await askAndFinish('hello, workspace relay');
        assert.equal(first.state, 'done');
        await until('the key for the workspace relay to be asked for', () => box.titles.length > 0);
        assert.match(box.titles[0], new RegExp(`Set API Key for ${workspaceOrigin.replace(/[.]/g, '\\.')}`));
        assert.ok(warnings.messages.some((m) => m.includes(workspaceOrigin) && /workspace/.test(m)), warnings.messages.join('\n'));
        await until('the new key to reach the workspace relay', async () => {
          await askAndFinish('again');
          return workspaceRelay.requests.some((r) => r.method === 'POST' && r.headers.authorization === `${SCHEME} ${WORKSPACE_KEY}`);
        });
      } finally {
        warnings.restore();
        box.restore();
      }
      assert.ok(workspaceRelay.requests.length > 0);
      for (const r of workspaceRelay.requests) assert.ok(!headerValues(r).includes(USER_KEY) && !JSON.stringify(r.body).includes(USER_KEY), `${r.method} ${r.path} carried the user's key`);
      assert.deepEqual(userRelay.requests.filter((r) => r.method === 'POST'), [], 'the chat went to the user relay instead');
    });

    it('a secret in a context chip reaches the relay as a placeholder; the user is told what and where; the answer shows the real value', async () => {
      await useUserRelay();
      const accessKey = 'AK' + 'IA' + 'QX7TJ2MZ4VR6WB3N';
      userRelay.setResponder((req) => {
        if (req.method === 'GET') return { body: modelList(['sim-model']) };
        const question = (req.body.messages as { content: string }[]).at(-1)!.content;
        return streamScenario(['The key is ', /\[REDACTED_[A-Z0-9_a-z]+\]/.exec(question)?.[0] ?? 'missing', '.']);
      });
      const infos = stubInfos();
      const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'src', 'trust-config.ts');
      writeFileSync(file.fsPath, ['export const region = "eu-west-1";', '', `export const accessKey = "${accessKey}";`, ''].join('\n'));
      let end: Finished;
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        await newChat();
        const attached = view.next('chips', (m) => m.chips.length === 1);
        view.send({ type: 'addContext', kind: 'file' }); // + File
        await attached;
        end = await ask('What is in this file?');
      } finally {
        infos.restore();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        rmSync(file.fsPath, { force: true });
      }
      const post = userRelay.requests.find((r) => r.method === 'POST')!;
      assert.ok(!JSON.stringify(post.body).includes(accessKey), 'the relay received the access key');
      assert.match(JSON.stringify(post.body), /\[REDACTED_AWS_ACCESS_KEY_1_[0-9a-f]+\]/);
      assert.equal(end.text, `The key is ${accessKey}.`);
      assert.ok(infos.messages.some((m) => m.includes('masked 1 secret before sending: an AWS access key (src/trust-config.ts, line 3)')), infos.messages.join('\n'));
    });

    it('a chat request above chat.confirmAboveUsd asks first with the estimate; Cancel sends nothing, Send sends it', async () => {
      await useUserRelay();
      await config().update('chat.confirmAboveUsd', 0, vscode.ConfigurationTarget.Global);
      let answer: string | undefined;
      const warnings = stubWarnings(() => answer);
      try {
        await newChat();
        const selected = view.next('models', (m) => m.selected === 'gpt-4.1');
        view.send({ type: 'selectModel', model: 'gpt-4.1' }); // a model with a known price
        await selected;
        const cancelled = await ask('a question that costs money');
        assert.equal(cancelled.state, 'stopped');
        assert.deepEqual(userRelay.requests.filter((r) => r.method === 'POST'), [], 'the relay received the request');
        assert.match(warnings.messages.at(-1)!, /sends about \d+ tokens to gpt-4\.1, an estimated \$0\.00 before the answer.*Send it\?/);
        answer = 'Send';
        const sent = await ask('the same question, sent'); // same conversation, same model
        assert.equal(warnings.messages.length, 2);
        assert.equal(sent.state, 'done');
        assert.equal(userRelay.requests.filter((r) => r.method === 'POST').length, 1);
      } finally {
        warnings.restore();
        await config().update('chat.confirmAboveUsd', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('Clear API Key offers the relays that have a key and removes only the one picked', async () => {
      await useUserRelay();
      await setApiKeyTo(USER_KEY);
      await config().update('baseUrl', workspaceRelay.url, vscode.ConfigurationTarget.Workspace);
      await setApiKeyTo(WORKSPACE_KEY);
      const w = vscode.window as unknown as { showQuickPick: typeof vscode.window.showQuickPick };
      const original = w.showQuickPick;
      let offered: string[] = [];
      w.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => {
        offered = items.map((i) => i.label);
        return items.find((i) => i.label === new URL(workspaceRelay.url).origin);
      }) as unknown as typeof vscode.window.showQuickPick;
      const infos = stubInfos();
      try {
        await vscode.commands.executeCommand('relayAssistant.clearApiKey');
      } finally {
        w.showQuickPick = original;
        infos.restore();
      }
      assert.deepEqual(offered, [new URL(userRelay.url).origin, new URL(workspaceRelay.url).origin].sort());
      const warnings = stubWarnings(() => undefined);
      try {
        await askAndFinish('to the workspace relay, whose key was removed');
        await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
        await askAndFinish('to the user relay, whose key was kept');
      } finally {
        warnings.restore();
      }
      assert.equal(workspaceRelay.requests.filter((r) => r.method === 'POST').at(-1)?.headers.authorization, undefined);
      assert.equal(userRelay.requests.filter((r) => r.method === 'POST').at(-1)?.headers.authorization, `${SCHEME} ${USER_KEY}`);
    });

    it('a key stored by an earlier version (one key for all relays) is bound to the user\'s relay and keeps working', async () => {
      await useUserRelay();
      await keys.storeLegacyKeyAndMigrate(USER_KEY);
      const end = await askAndFinish('hello after the upgrade');
      assert.equal(end.state, 'done');
      const posts = userRelay.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1);
      assert.equal(posts[0].headers.authorization, `${SCHEME} ${USER_KEY}`);
      // …and only there: a workspace relay gets no key from the migrated one.
      await config().update('baseUrl', workspaceRelay.url, vscode.ConfigurationTarget.Workspace);
      const warnings = stubWarnings(() => undefined);
      try {
        await askAndFinish('hello, other relay');
      } finally {
        warnings.restore();
      }
      const sent = workspaceRelay.requests.filter((r) => r.method === 'POST');
      assert.equal(sent.length, 1);
      assert.equal(sent[0].headers.authorization, undefined);
    });
  });
});
