// Entry of the chat webview (bundled to dist/webview.js; the CSS imports make esbuild emit
// dist/webview.css and the codicon font dist/codicon.ttf). Says `ready` first; the host answers
// with the state.
import '@vscode/codicons/dist/codicon.css';
import './chat.css';
import { PROTOCOL_VERSION, SEND_REFUSED_WHILE_STREAMING, type EffortView, type HostToWebview, type RelayInfoView, type WebviewToHost } from '../protocol';
import { ApplyButtons } from './applyButtons';
import { buildChrome, type Chrome } from './chrome';
import { Countdowns } from './countdown';
import { el, icon } from './dom';
import { isWebLink } from './format';
import { ContextInput } from './input';
import { HistoryPanel } from './history';
import { MessageList } from './list';
import { renderMarkdown } from './markdown';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): { draft?: string } | undefined;
  setState(state: { draft?: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const ui: Chrome = buildChrome(document.getElementById('app') ?? document.body);
const list = new MessageList(ui.messages, ui.log, ui.jump, new Countdowns());
const post = (m: WebviewToHost) => vscode.postMessage(m);
const context = new ContextInput(ui.prompt, ui.chips, post);
const applyButtons = new ApplyButtons(ui.messages, post);
const history = new HistoryPanel(ui, {
  open: (id) => post({ type: 'switchConversation', id }),
  rename: (id) => post({ type: 'renameConversation', id }),
  remove: (id) => post({ type: 'deleteConversation', id }),
});
let busy = false;
let editing = false;
let needsKey = false;
let firstState = true;

function announce(text: string): void {
  ui.status.textContent = text;
}

function focusPrompt(): void {
  ui.prompt.focus({ preventScroll: true });
  const end = ui.prompt.value.length;
  ui.prompt.setSelectionRange(end, end);
}

function setBusy(value: boolean): void {
  busy = value;
  ui.send.hidden = value;
  ui.stop.hidden = !value;
  document.body.classList.toggle('busy', value);
}

function setEditing(value: boolean, text = ''): void {
  editing = value;
  ui.editing.hidden = !value;
  ui.send.title = value ? 'Resend (Enter)' : 'Send (Enter)';
  ui.send.setAttribute('aria-label', ui.send.title);
  if (value) {
    ui.prompt.value = text;
    focusPrompt();
  }
}

/** The welcome view fills an empty conversation; "Set API Key" leads while no key is set. */
function updateWelcome(): void {
  ui.welcome.hidden = list.length > 0;
  ui.welcomeKey.hidden = !needsKey;
  ui.welcome.classList.toggle('needs-key', needsKey);
}

function showRelay(relay: RelayInfoView): void {
  const where = relay.source === 'default' ? 'the default relay' : `set in ${relay.source} settings`;
  const shown = relay.origin ? relay.origin.replace(/^https?:\/\//, '') : relay.baseUrl;
  ui.relayLine.replaceChildren(
    el('span', { class: 'relay-url' }, icon('server'), el('span', {}, 'Using'), el('code', { title: relay.baseUrl }, shown)),
    el('span', { class: 'relay-source', 'data-source': relay.source }, where),
  );
  ui.restricted.hidden = !relay.restricted;
  ui.restricted.replaceChildren(
    ...(relay.restricted
      ? [icon('shield'), el('span', {}, relay.restricted), el('button', { type: 'button', 'data-command': 'manageTrust', 'aria-label': 'Manage Workspace Trust' }, 'Trust Workspace…')]
      : []),
  );
}

function showModels(models: string[], selected: string): void {
  const options = models.includes(selected) ? models : [selected, ...models];
  ui.model.replaceChildren(...options.map((m) => el('option', { value: m, selected: m === selected }, m)));
  ui.model.value = selected;
}

/** The effort picker of a reasoning model; hidden for other models. */
function showEffort(effort: EffortView | null): void {
  ui.effort.hidden = !effort;
  if (!effort) return ui.effort.replaceChildren();
  const fallback = effort.settingsDefault ? `Effort: default (${effort.settingsDefault})` : 'Effort: default';
  ui.effort.replaceChildren(
    el('option', { value: '', selected: effort.selected === null }, fallback),
    ...effort.levels.map((l) => el('option', { value: l, selected: l === effort.selected }, `Effort: ${l}`)),
  );
  ui.effort.value = effort.selected ?? '';
}

function onHostMessage(m: HostToWebview): void {
  if (context.onHostMessage(m)) return;
  switch (m.type) {
    case 'state':
      list.reset(m.state.messages);
      history.set(m.state.conversations, m.state.conversationId);
      showModels(m.state.models, m.state.model);
      showEffort(m.state.effort);
      setBusy(m.state.busy);
      applyButtons.scan();
      needsKey = m.state.welcome;
      updateWelcome();
      // After the first frame: focusing lays the page out, which the first frame need not wait for.
      // Only when the view itself has the focus: a view restored by a window reload must not take it
      // from the editor or an open Command Palette (Open Chat asks for the focus once the view is ready).
      if (firstState) requestAnimationFrame(() => setTimeout(() => document.hasFocus() && focusPrompt()));
      firstState = false;
      return;
    case 'messageAdded':
      list.add(m.message);
      updateWelcome();
      if (m.message.role === 'assistant') announce('Answering…');
      return;
    case 'delta':
      return list.delta(m.id, m.offset, m.text);
    case 'messageFinished':
      list.finish(m.id, m.state, m.text, m.meta, m.error);
      applyButtons.scan();
      return announce(m.state === 'done' ? 'Answer complete.' : m.state === 'stopped' ? 'Answer stopped.' : `Error: ${m.error?.message ?? ''}`);
    case 'messagesRemoved':
      list.remove(m.ids);
      applyButtons.scan();
      return updateWelcome();
    case 'retrying':
      list.retrying(m.id, m.retryAt, m.kind);
      return announce('Waiting to retry…');
    case 'models':
      showModels(m.models, m.selected);
      return showEffort(m.effort);
    case 'conversations':
      return history.set(m.conversations, m.currentId);
    case 'busy':
      return setBusy(m.busy);
    case 'welcome':
      needsKey = m.show;
      return updateWelcome();
    case 'setPrompt':
      ui.prompt.value = m.text;
      return focusPrompt();
    case 'focusInput':
      return focusPrompt();
    case 'relay':
      return showRelay(m.relay);
    case 'applyLabels':
      return applyButtons.show(m.labels);
  }
}

function submit(): void {
  const text = ui.prompt.value;
  if (!text.trim()) return;
  if (busy && !editing) return context.refuse(SEND_REFUSED_WHILE_STREAMING);
  post(editing ? { type: 'editLast', text } : { type: 'send', text });
  ui.prompt.value = '';
  vscode.setState({ draft: '' });
  setEditing(false);
  list.scrollToLatest();
}

/** Clicks inside answers: code-block actions, error buttons, message actions, links. */
function onMessagesClick(e: MouseEvent): void {
  const target = e.target as HTMLElement;
  const link = target.closest('a');
  if (link) {
    e.preventDefault();
    const href = link.getAttribute('href') ?? '';
    if (isWebLink(href)) post({ type: 'openLink', href });
    return;
  }
  const button = target.closest('button');
  if (!button) return;
  const message = button.closest<HTMLElement>('.message');
  const d = button.dataset;
  if (d.codeAction) {
    const block = button.closest<HTMLElement>('.code-block');
    const code = block?.querySelector('code')?.textContent ?? '';
    post({ type: 'codeAction', action: d.codeAction as 'copy', code, language: block?.dataset.lang ?? '' });
    if (d.codeAction === 'copy') flashCopied(button);
  } else if (d.errorAction && message?.dataset.id) {
    post({ type: 'errorAction', messageId: message.dataset.id, action: d.errorAction as 'retry' });
  } else if (d.messageAction === 'regenerate') {
    post({ type: 'regenerate' });
  } else if (d.messageAction === 'edit' && message?.dataset.id) {
    setEditing(true, list.textOf(message.dataset.id) ?? '');
  } else if (d.messageAction === 'toggle') {
    const collapsed = message?.querySelector('.content')?.classList.toggle('collapsed') ?? false;
    button.textContent = collapsed ? 'Show more' : 'Show less';
    button.setAttribute('aria-expanded', String(!collapsed));
  } else if (d.example) {
    ui.prompt.value = d.example;
    focusPrompt();
  } else if (d.command === 'setApiKey') {
    post({ type: 'command', command: 'setApiKey' });
  } else if (d.command === 'manageTrust') {
    post({ type: 'command', command: 'manageTrust' });
  } else if (d.command === 'chooseRelay') {
    post({ type: 'chooseRelay' });
  }
}

/** The copy button shows a check mark for a moment (and says so to screen readers). */
function flashCopied(button: HTMLElement): void {
  const glyph = button.querySelector('.codicon');
  glyph?.classList.replace('codicon-copy', 'codicon-check');
  button.classList.add('done');
  announce('Copied.');
  setTimeout(() => {
    glyph?.classList.replace('codicon-check', 'codicon-copy');
    button.classList.remove('done');
  }, 1200);
}

function onPromptKey(e: KeyboardEvent): void {
  if (context.handleKeydown(e)) return;
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    submit();
  } else if (e.key === 'ArrowUp' && !e.shiftKey && !e.altKey && ui.prompt.value === '') {
    const last = list.lastQuestion();
    if (last === undefined) return;
    e.preventDefault();
    ui.prompt.value = last;
    focusPrompt();
  }
}

function wire(): void {
  window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onHostMessage(e.data));
  // Focus entering the view from the workbench (keyboard, a command) lands in the question box,
  // not on the page; a click keeps its own target (selecting text in an answer must work).
  let pointerAt = 0;
  window.addEventListener('pointerdown', () => (pointerAt = performance.now()), { capture: true });
  window.addEventListener('focus', () => {
    if (performance.now() - pointerAt < 500) return;
    if (document.activeElement === document.body || document.activeElement === null) focusPrompt();
  });
  ui.messages.addEventListener('click', onMessagesClick);
  ui.jump.addEventListener('click', () => {
    list.scrollToLatest();
    focusPrompt();
  });
  ui.send.addEventListener('click', submit);
  ui.stop.addEventListener('click', () => post({ type: 'stop' }));
  ui.model.addEventListener('change', () => post({ type: 'selectModel', model: ui.model.value }));
  ui.effort.addEventListener('change', () => post({ type: 'selectEffort', effort: (ui.effort.value || null) as EffortView['selected'] }));
  ui.addSelection.addEventListener('click', () => post({ type: 'addContext', kind: 'selection' }));
  ui.addFile.addEventListener('click', () => post({ type: 'addContext', kind: 'file' }));
  ui.prompt.addEventListener('keydown', onPromptKey);
  ui.prompt.addEventListener('input', () => vscode.setState({ draft: ui.prompt.value }));
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (busy) post({ type: 'stop' });
    else if (editing) {
      setEditing(false);
      ui.prompt.value = '';
    }
  });
}

wire();
// One-time set-up of the Markdown parser and the most common grammar while the page loads,
// so the first frame of a long history does not pay for it.
// A few rounds over a sample of everything answers hold, so the code paths are compiled too.
const WARM_UP = [
  '# Heading\n\nSome *emphasis*, **bold**, `code` and a [link](https://example.com) in a longer paragraph of text.',
  '- item one\n- item two with `code`\n  - nested\n1. first\n2. second\n\n> quoted',
  '| a | b |\n|:--|--:|\n| 1 | 2 |',
  '```ts\nexport function f(input: number): number {\n  const value = compute(1, 2); // step\n  return input * 2 + "s".length;\n}\n```',
  '```python\ndef f(x):\n    return x  # comment\n```',
].join('\n\n');
for (let i = 0; i < 3; i++) renderMarkdown(WARM_UP);
ui.prompt.value = vscode.getState()?.draft ?? '';
post({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
