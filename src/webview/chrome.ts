// The fixed parts of the view: title row (conversation title, history), history
// panel, welcome view, message area with "jump to latest", composer (chips, prompt, model,
// attach, send / stop) and the screen-reader status line. Every control has an aria-label.
import { el, icon, iconButton } from './dom';

export interface Chrome {
  title: HTMLElement;
  historyToggle: HTMLButtonElement;
  historyPanel: HTMLElement;
  historySearch: HTMLInputElement;
  historyList: HTMLElement;
  welcome: HTMLElement;
  welcomeKey: HTMLElement;
  relayLine: HTMLElement;
  /** Restricted Mode: what of the workspace is ignored until trusted (shown above the conversation). */
  restricted: HTMLElement;
  messages: HTMLElement;
  log: HTMLElement;
  jump: HTMLButtonElement;
  chips: HTMLElement;
  prompt: HTMLTextAreaElement;
  model: HTMLSelectElement;
  effort: HTMLSelectElement;
  addSelection: HTMLButtonElement;
  addFile: HTMLButtonElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  editing: HTMLElement;
  status: HTMLElement;
}

/** Example prompts of the welcome view (a click puts one into the question box). */
export const EXAMPLE_PROMPTS = [
  'Explain what the active file does',
  'Write unit tests for the selected function',
  'How do I read a file line by line in Node.js?',
];

function welcomeView(): { root: HTMLElement; key: HTMLElement; relay: HTMLElement } {
  const key = el(
    'div',
    { class: 'welcome-key', hidden: true },
    el('p', {}, 'Set your API key to start. It is kept in VS Code\'s secret storage, never in settings.'),
  );
  const relay = el('p', { class: 'relay-line', id: 'relay-line' });
  const root = el(
    'section',
    { id: 'welcome', hidden: true, 'aria-label': 'Welcome' },
    el('div', { class: 'welcome-logo' }, icon('sparkle')),
    el('h2', {}, 'Relay Assistant'),
    el('p', { class: 'welcome-lead' }, 'Ask about your code. Answers stream from any OpenAI-compatible relay or a local server.'),
    key,
    el(
      'div',
      { class: 'welcome-actions' },
      el('button', { type: 'button', id: 'welcome-set-key', class: 'primary', 'data-command': 'setApiKey', 'aria-label': 'Set API Key' }, icon('key'), 'Set API Key'),
      el('button', { type: 'button', id: 'welcome-choose-relay', 'data-command': 'chooseRelay', 'aria-label': 'Choose relay (base URL)' }, icon('plug'), 'Choose relay'),
    ),
    relay,
    el('h3', {}, 'Try asking'),
    el(
      'ul',
      { class: 'examples', 'aria-label': 'Example questions' },
      ...EXAMPLE_PROMPTS.map((p) => el('li', {}, el('button', { type: 'button', class: 'example', 'data-example': p, 'aria-label': `Ask: ${p}` }, icon('comment'), p))),
    ),
  );
  return { root, key, relay };
}

export function buildChrome(app: HTMLElement): Chrome {
  const welcome = welcomeView();
  const c: Chrome = {
    title: el('h1', { id: 'chat-title', class: 'chat-title' }, 'New chat'),
    historyToggle: iconButton('history', 'Show chat history', { id: 'history-toggle', 'aria-expanded': 'false', 'aria-controls': 'history-panel' }),
    historyPanel: el('section', { id: 'history-panel', hidden: true, 'aria-label': 'Chat history' }),
    historySearch: el('input', { id: 'history-search', type: 'search', placeholder: 'Search conversations', 'aria-label': 'Search conversations', spellcheck: 'false' }),
    historyList: el('ul', { id: 'history-list', 'aria-label': 'Conversations' }),
    welcome: welcome.root,
    welcomeKey: welcome.key,
    relayLine: welcome.relay,
    restricted: el('div', { id: 'restricted-notice', class: 'restricted-notice', role: 'note', 'aria-label': 'Restricted Mode', hidden: true }),
    messages: el('main', { id: 'messages', 'aria-label': 'Conversation', tabindex: '0' }),
    log: el('div', { id: 'log', role: 'log', 'aria-label': 'Messages' }),
    jump: el('button', { type: 'button', id: 'jump-latest', class: 'jump', hidden: true, title: 'Jump to latest', 'aria-label': 'Jump to latest' }, icon('arrow-down')),
    chips: el('div', { id: 'chips', 'aria-label': 'Context for the next question' }),
    prompt: el('textarea', { id: 'prompt', rows: '2', placeholder: 'Ask a question (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Question' }),
    model: el('select', { id: 'model', 'aria-label': 'Model', title: 'Model for this conversation' }),
    effort: el('select', { id: 'effort', 'aria-label': 'Reasoning effort', title: 'Reasoning effort: how long the model thinks before it answers (more costs more)', hidden: true }),
    addSelection: iconButton('selection', 'Attach the current selection', { id: 'add-selection' }),
    addFile: iconButton('file-add', 'Attach the active file', { id: 'add-file' }),
    send: iconButton('send', 'Send (Enter)', { id: 'send', class: 'icon-button send' }),
    stop: iconButton('debug-stop', 'Stop (Esc)', { id: 'stop', class: 'icon-button stop' }),
    editing: el('div', { id: 'editing', hidden: true }, icon('edit'), 'Editing your last question: Enter resends it, Esc cancels.'),
    status: el('div', { id: 'status', class: 'sr-only', role: 'status', 'aria-live': 'polite' }),
  };
  c.stop.hidden = true;
  c.historyPanel.append(el('div', { class: 'history-search' }, icon('search'), c.historySearch), c.historyList);
  c.messages.append(c.restricted, c.welcome, c.log);
  app.replaceChildren(
    // New Chat sits in the view's own title bar (a contributed command), next to this row.
    el('header', { class: 'toolbar' }, c.title, c.historyToggle),
    c.historyPanel,
    el('div', { class: 'messages-wrap' }, c.messages, c.jump),
    el(
      'footer',
      { class: 'composer' },
      c.chips,
      c.editing,
      el(
        'div',
        { class: 'input-box' },
        c.prompt,
        el('div', { class: 'composer-bar' }, c.addSelection, c.addFile, c.model, c.effort, el('span', { class: 'spacer' }), c.send, c.stop),
      ),
    ),
    c.status,
  );
  return c;
}
