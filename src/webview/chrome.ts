// The fixed parts of the view: toolbar (history, rename, delete, new), welcome, message area,
// composer (chips, prompt, model, send / stop) and the screen-reader status line.
import { el } from './dom';

export interface Chrome {
  history: HTMLSelectElement;
  rename: HTMLButtonElement;
  remove: HTMLButtonElement;
  newChat: HTMLButtonElement;
  welcome: HTMLElement;
  messages: HTMLElement;
  chips: HTMLElement;
  prompt: HTMLTextAreaElement;
  model: HTMLSelectElement;
  addSelection: HTMLButtonElement;
  addFile: HTMLButtonElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  editing: HTMLElement;
  status: HTMLElement;
}

const button = (id: string, label: string, title: string) => el('button', { type: 'button', id, title, 'aria-label': title }, label);

export function buildChrome(app: HTMLElement): Chrome {
  const c: Chrome = {
    history: el('select', { id: 'history', 'aria-label': 'Conversations' }),
    rename: button('rename-chat', 'Rename', 'Rename this conversation'),
    remove: button('delete-chat', 'Delete', 'Delete this conversation'),
    newChat: button('new-chat', 'New', 'New chat'),
    welcome: el(
      'section',
      { id: 'welcome', hidden: true, 'aria-label': 'Welcome' },
      el('h2', {}, 'Welcome to Relay Assistant'),
      el('p', {}, 'Chat with any OpenAI-compatible relay. Set your API key to start; it is kept in VS Code\'s secret storage, never in settings.'),
      el('p', {}, 'Using a local server (Ollama, LM Studio)? Point relayAssistant.baseUrl at it: no key needed.'),
      el('button', { type: 'button', id: 'welcome-set-key', 'data-command': 'setApiKey' }, 'Set API Key'),
    ),
    messages: el('main', { id: 'messages', 'aria-label': 'Conversation', tabindex: '0' }),
    chips: el('div', { id: 'chips', 'aria-label': 'Context for the next question' }),
    prompt: el('textarea', { id: 'prompt', rows: '3', placeholder: 'Ask about your code (Enter to send, Shift+Enter for a new line, Esc to stop)', 'aria-label': 'Question' }),
    model: el('select', { id: 'model', 'aria-label': 'Model', title: 'Model for this conversation' }),
    addSelection: button('add-selection', '+ Selection', 'Attach the current selection'),
    addFile: button('add-file', '+ File', 'Attach the active file'),
    send: button('send', 'Send', 'Send (Enter)'),
    stop: button('stop', 'Stop', 'Stop (Esc)'),
    editing: el('div', { id: 'editing', hidden: true }, 'Editing your last question: Enter resends it, Esc cancels.'),
    status: el('div', { id: 'status', class: 'sr-only', role: 'status', 'aria-live': 'polite' }),
  };
  c.stop.hidden = true;
  app.replaceChildren(
    el('header', { class: 'toolbar' }, c.history, c.rename, c.remove, c.newChat),
    c.welcome,
    c.messages,
    el(
      'footer',
      { class: 'composer' },
      c.chips,
      c.editing,
      c.prompt,
      el('div', { class: 'composer-bar' }, c.model, c.addSelection, c.addFile, el('span', { class: 'spacer' }), c.send, c.stop),
    ),
    c.status,
  );
  return c;
}
