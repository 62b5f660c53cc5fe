// Entry of the chat webview (bundled to dist/webview.js; the CSS import makes esbuild emit
// dist/webview.css). Says `ready` first; the host answers with the state.
import './chat.css';
import { PROTOCOL_VERSION, SEND_REFUSED_WHILE_STREAMING, type ConversationSummary, type HostToWebview, type WebviewToHost } from '../protocol';
import { buildChrome, type Chrome } from './chrome';
import { Countdowns } from './countdown';
import { el } from './dom';
import { ContextInput } from './input';
import { isWebLink } from './format';
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
const list = new MessageList(ui.messages, new Countdowns());
const context = new ContextInput(ui.prompt, ui.chips, (m) => vscode.postMessage(m));
let busy = false;
let editing = false;
let currentId = '';

const post = (m: WebviewToHost) => vscode.postMessage(m);
function announce(text: string): void {
  ui.status.textContent = text;
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
  ui.send.textContent = value ? 'Resend' : 'Send';
  if (value) {
    ui.prompt.value = text;
    ui.prompt.focus();
  }
}

function showOptions(select: HTMLSelectElement, options: [string, string][], selected: string): void {
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, selected: value === selected }, label)));
  select.value = selected;
}

function showConversations(list: ConversationSummary[], id: string): void {
  currentId = id;
  showOptions(ui.history, list.map((c) => [c.id, c.title]), id);
}

function showModels(models: string[], selected: string): void {
  showOptions(ui.model, (models.includes(selected) ? models : [selected, ...models]).map((m) => [m, m]), selected);
}

function onHostMessage(m: HostToWebview): void {
  if (context.onHostMessage(m)) return;
  switch (m.type) {
    case 'state':
      list.reset(m.state.messages);
      showConversations(m.state.conversations, m.state.conversationId);
      showModels(m.state.models, m.state.model);
      setBusy(m.state.busy);
      ui.welcome.hidden = !m.state.welcome;
      return;
    case 'messageAdded':
      list.add(m.message);
      if (m.message.role === 'assistant') announce('Answering…');
      return;
    case 'delta':
      return list.delta(m.id, m.offset, m.text);
    case 'messageFinished':
      list.finish(m.id, m.state, m.text, m.meta, m.error);
      return announce(m.state === 'done' ? 'Answer complete.' : m.state === 'stopped' ? 'Answer stopped.' : `Error: ${m.error?.message ?? ''}`);
    case 'messagesRemoved':
      return list.remove(m.ids);
    case 'retrying':
      list.retrying(m.id, m.retryAt, m.kind);
      return announce('Waiting to retry…');
    case 'models':
      return showModels(m.models, m.selected);
    case 'conversations':
      return showConversations(m.conversations, m.currentId);
    case 'busy':
      return setBusy(m.busy);
    case 'welcome':
      ui.welcome.hidden = !m.show;
      return;
    case 'setPrompt':
      ui.prompt.value = m.text;
      ui.prompt.focus();
      return;
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
    if (d.codeAction === 'copy') flash(button, 'Copied');
  } else if (d.errorAction && message?.dataset.id) {
    post({ type: 'errorAction', messageId: message.dataset.id, action: d.errorAction as 'retry' });
  } else if (d.messageAction === 'regenerate') {
    post({ type: 'regenerate' });
  } else if (d.messageAction === 'edit' && message?.dataset.id) {
    setEditing(true, list.textOf(message.dataset.id) ?? '');
  }
}

function flash(button: HTMLElement, text: string): void {
  const before = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = before), 1200);
}

function wire(): void {
  window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onHostMessage(e.data));
  ui.messages.addEventListener('click', onMessagesClick);
  ui.send.addEventListener('click', submit);
  ui.stop.addEventListener('click', () => post({ type: 'stop' }));
  ui.newChat.addEventListener('click', () => post({ type: 'newChat' }));
  ui.rename.addEventListener('click', () => currentId && post({ type: 'renameConversation', id: currentId }));
  ui.remove.addEventListener('click', () => currentId && post({ type: 'deleteConversation', id: currentId }));
  ui.history.addEventListener('change', () => post({ type: 'switchConversation', id: ui.history.value }));
  ui.model.addEventListener('change', () => post({ type: 'selectModel', model: ui.model.value }));
  ui.addSelection.addEventListener('click', () => post({ type: 'addContext', kind: 'selection' }));
  ui.addFile.addEventListener('click', () => post({ type: 'addContext', kind: 'file' }));
  ui.welcome.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('[data-command="setApiKey"]')) post({ type: 'command', command: 'setApiKey' });
  });
  ui.prompt.addEventListener('keydown', (e) => {
    if (context.handleKeydown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
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
renderMarkdown('# a\n\n*b* `c`\n\n```ts\nconst d = 1;\n```');
ui.prompt.value = vscode.getState()?.draft ?? '';
post({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
