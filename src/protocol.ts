// The one host <-> webview protocol of the chat view. Imported by the extension host
// (src/features/chat) and the browser code (src/webview). The webview is untrusted:
// the host accepts only what validateWebviewMessage returns.

/** Bumped whenever a message shape changes; the webview announces it in `ready`. */
export const PROTOCOL_VERSION = 4;

/** What a context chip holds: code, a whole file, diagnostics, the git diff or one symbol's code. */
export type ContextKind = 'selection' | 'file' | 'problems' | 'changes' | 'symbol';

/** A piece of workspace context attached to the next question (removable before sending). */
export interface ContextChip {
  /** Unique within the pending chips (the host assigns one when a caller leaves it empty). */
  id: string;
  kind: ContextKind;
  /** Workspace-relative path (forward slashes); for problems / changes: the scope ("workspace" or a path). */
  path: string;
  /** VS Code language id (of the fenced block the model gets: 'diff' for changes). */
  language: string;
  text: string;
  /** 1-based inclusive line range of a selection or a symbol. */
  startLine?: number;
  endLine?: number;
  /** What the chip is called when its path alone does not say it ("Problems in src/a.ts", a symbol name). */
  title?: string;
  /** Length of the source before it was cut to fit (characters); absent when sent whole. */
  totalChars?: number;
}

/** What the webview shows of a chip (no text: the text stays on the host until sending). */
export interface ChipView {
  id: string;
  kind: ContextKind;
  label: string;
  language: string;
  /** What and how much will be sent: "42 lines · ~380 tokens", "truncated to 100,000 of 250,000 characters". */
  detail?: string;
  /** Estimated tokens it adds to the question. */
  tokens?: number;
  /** true when the text was cut to fit (the detail says to how much). */
  truncated?: boolean;
}

/** An instruction file of the workspace (AGENTS.md, …) added to the system prompt while enabled. */
export interface InstructionView {
  /** Workspace-relative path. */
  path: string;
  enabled: boolean;
  tokens: number;
  truncated: boolean;
}

/** One answer of a `#file` / `#symbol` search; `id` goes back in `addContext.pick`. */
export interface ContextItem {
  id: string;
  label: string;
  /** Path / container / "open editor". */
  detail: string;
}

/** What the next question costs before its own text: system prompt, instructions, history and chips. */
export interface PromptEstimate {
  tokens: number;
  /** Input cost in USD at the conversation model's price; null when the price is unknown. */
  costUsd: number | null;
  model: string;
}

export type MessageState = 'streaming' | 'done' | 'stopped' | 'error';

/** A button an error offers (same names as FixAction in src/core/errorText.ts). */
export type ErrorAction = 'setApiKey' | 'chooseModel' | 'chooseRelay' | 'retry' | 'trimAndRetry' | 'openOutput' | 'proxySettings' | 'tlsSettings';

export interface ErrorView {
  /** Relay error kind (see src/core/relay/types.ts ErrorKind), or 'unknown'. */
  kind: string;
  /** Plain words, never containing the API key. */
  message: string;
  /** Buttons, the one that fixes it first. */
  actions: ErrorAction[];
  /** A second line: the relay's own words, when it gave any. */
  detail: string | null;
  /** Epoch ms at which the host retries automatically (rate limits); the webview counts down. */
  retryAt: number | null;
}

/** The line under an answer. */
export interface MessageMeta {
  model: string;
  promptTokens: number | null;
  completionTokens: number | null;
  /** true when the token counts were estimated from characters. */
  tokensEstimated: boolean;
  /** Of promptTokens: read from the relay's prompt cache (absent in answers saved by older versions: none). */
  cachedPromptTokens?: number;
  /** Of promptTokens: written to the prompt cache. */
  cacheWriteTokens?: number;
  /** Of completionTokens: the model's reasoning. */
  reasoningTokens?: number;
  costUsd: number | null;
  costEstimated: boolean;
  ttftMs: number | null;
  durationMs: number | null;
}

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  /** Markdown (assistant) or the text the user sees (user). */
  text: string;
  state: MessageState;
  chips: ChipView[];
  meta: MessageMeta | null;
  error: ErrorView | null;
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
}

/** Reasoning effort levels (the relay's `reasoning_effort`). */
export const EFFORT_LEVELS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

/** The effort picker of a reasoning model: its levels, and the one chosen for it (null: the model's default). */
export interface EffortView {
  levels: EffortLevel[];
  selected: EffortLevel | null;
  /** What "Default" means: the level set under relayAssistant.models for this model, else null (the relay's default). */
  settingsDefault: EffortLevel | null;
}

/** Everything the view needs to draw itself from scratch. */
export interface ChatStateView {
  conversationId: string;
  title: string;
  model: string;
  messages: MessageView[];
  conversations: ConversationSummary[];
  models: string[];
  /** null: the model takes no reasoning effort (the picker is hidden). */
  effort: EffortView | null;
  chips: ChipView[];
  busy: boolean;
  /** Show the first-run welcome (no key and a non-local relay). */
  welcome: boolean;
  /** Instruction files found in the workspace. */
  instructions: InstructionView[];
  estimate: PromptEstimate | null;
}

/** Messages the extension host posts to the webview. */
export type HostToWebview =
  /** Full state: after `ready`, on conversation switch / new chat. Never sent per token. */
  | { type: 'state'; protocolVersion: number; state: ChatStateView }
  /** A message appended to the current conversation (user question or a new streaming answer). */
  | { type: 'messageAdded'; message: MessageView }
  /** Coalesced answer text; `offset` is the answer length before this text (lets the view drop duplicates). */
  | { type: 'delta'; id: string; offset: number; text: string }
  /** A streaming answer ended; `text` is the full final text (done, stopped or error with partial text). */
  | { type: 'messageFinished'; id: string; state: MessageState; text: string; meta: MessageMeta | null; error: ErrorView | null }
  /** Messages removed from the end (regenerate, edit and resend, retry). */
  | { type: 'messagesRemoved'; ids: string[] }
  /** The relay client waits before retrying (rate limit / transient error): status line with a countdown. */
  | { type: 'retrying'; id: string; attempt: number; retryAt: number; kind: string }
  /** The pending context chips changed. */
  | { type: 'chips'; chips: ChipView[] }
  /** The model list or the selected model changed. */
  | { type: 'models'; models: string[]; selected: string; effort: EffortView | null }
  /** The conversation list changed (rename, delete, new title). */
  | { type: 'conversations'; conversations: ConversationSummary[]; currentId: string; title: string }
  /** Whether a request is running (send vs stop button). */
  | { type: 'busy'; busy: boolean }
  /** Show or hide the first-run welcome. */
  | { type: 'welcome'; show: boolean }
  /** Put text into the prompt box and focus it. */
  | { type: 'setPrompt'; text: string }
  // --- workspace context and one-operation-at-a-time ---
  /** A typed question was not sent (an answer is streaming): `text` goes back into the box, `reason` is shown. */
  | { type: 'sendRefused'; text: string; reason: string }
  /** Answers `contextQuery` with the same `requestId` (empty `items` when nothing matches). */
  | { type: 'contextResults'; requestId: number; kind: 'file' | 'symbol'; items: ContextItem[] }
  /** The instruction files found (AGENTS.md, …) and whether each is used. */
  | { type: 'instructions'; files: InstructionView[] }
  /** The estimate of the next question's input (sent when chips, instructions, model or history change). */
  | { type: 'estimate'; estimate: PromptEstimate | null }
  /** A context chip could not be made (no editor, no problems, not a git repository…): shown near the input. */
  | { type: 'contextError'; message: string }
  // ---- chat panel: focus, relay line (welcome view) ----
  /** Move keyboard focus to the question box (Open Chat, Ctrl+Alt+A). */
  | { type: 'focusInput' }
  /** Which relay the chat talks to and where that setting comes from (shown in the welcome view). */
  | { type: 'relay'; relay: RelayInfoView }
  // ---- Apply ----
  /** What each code block's Apply button will do in the active editor (answers `codeBlocks`; sent again when the editor or selection changes). */
  | { type: 'applyLabels'; labels: ApplyLabelView[] };

/** An Apply button's words ("Apply to total()", "Apply to file", "Replace selection") and its tooltip, decided by the host. */
export interface ApplyLabelView {
  /** The code block's id from `codeBlocks`. */
  id: string;
  label: string;
  title: string;
}

/** A code block of a finished answer, as the view shows it. */
export interface CodeBlockView {
  /** `<message id>:<n>`, unique in the view. */
  id: string;
  code: string;
  language: string;
}

/** Where `relayAssistant.baseUrl` comes from: user settings, workspace settings, or the default. */
export type SettingSource = 'user' | 'workspace' | 'default';

export interface RelayInfoView {
  baseUrl: string;
  /** scheme://host[:port] of the base URL ('' when it does not parse). */
  origin: string;
  source: SettingSource;
  /** Restricted Mode: which workspace settings and instruction files are ignored until trusted (null when none). */
  restricted?: string | null;
}

export type CodeAction = 'copy' | 'insert' | 'apply' | 'newFile';
export type HostCommand = 'setApiKey' | 'chooseModel' | 'showOutput' | 'manageTrust';

/** Messages the webview posts to the extension host (validated there). */
export type WebviewToHost =
  /** The view is loaded and speaks this protocol version; the host answers with `state`. */
  | { type: 'ready'; protocolVersion: number }
  /** Ask a question (with the pending chips). */
  | { type: 'send'; text: string }
  /** Abort the running answer (Esc or the stop button). */
  | { type: 'stop' }
  /** Drop the last answer and ask again. */
  | { type: 'regenerate' }
  /** Replace the last question with `text` and ask again. */
  | { type: 'editLast'; text: string }
  /** The button of an error box. */
  | { type: 'errorAction'; messageId: string; action: ErrorAction }
  /** A code-block button. */
  | { type: 'codeAction'; action: CodeAction; code: string; language: string }
  /** A link was clicked (http/https only; the host checks again). */
  | { type: 'openLink'; href: string }
  /** Remove a pending context chip. */
  | { type: 'removeChip'; id: string }
  /**
   * Attach context as a chip: the selection, the active file (or the `pick` of a `#file` search),
   * problems (`scope` 'file' = the active file, 'workspace' = all), the git changes, or the `pick`
   * of a `#symbol` search.
   */
  | { type: 'addContext'; kind: ContextKind; pick?: string; scope?: 'file' | 'workspace' }
  /** `#file` / `#symbol` typed in the input: search for `query` (answered by `contextResults`). */
  | { type: 'contextQuery'; requestId: number; kind: 'file' | 'symbol'; query: string }
  /** Switch an instruction file on or off for this workspace. */
  | { type: 'setInstructions'; path: string; enabled: boolean }
  /** Start a new conversation. */
  | { type: 'newChat' }
  /** Switch to another conversation. */
  | { type: 'switchConversation'; id: string }
  /** Rename a conversation (the host asks for the new title). */
  | { type: 'renameConversation'; id: string }
  /** Delete a conversation (the host asks for confirmation). */
  | { type: 'deleteConversation'; id: string }
  /** Use this model for the current conversation. */
  | { type: 'selectModel'; model: string }
  /** Use this reasoning effort for the current model (null: the model's default). */
  | { type: 'selectEffort'; effort: EffortLevel | null }
  /** Run one of a few fixed commands (welcome / error buttons). */
  | { type: 'command'; command: HostCommand }
  // ---- chat panel: welcome view ----
  /** Choose the relay (base URL): the welcome view's "Choose relay" button. */
  | { type: 'chooseRelay' }
  // ---- Apply ----
  /** The code blocks of the finished answers on screen (newest last, at most MAX_CODE_BLOCKS): the host answers with `applyLabels`. */
  | { type: 'codeBlocks'; blocks: CodeBlockView[] };

/** Why a typed question is not sent while an answer streams (shown by the view; the host sends it in `sendRefused`). */
export const SEND_REFUSED_WHILE_STREAMING = 'An answer is still coming: press Stop (Esc) to end it, or wait, then send. Your question stays in the box.';

/** Longest prompt / code text accepted from the webview (characters). */
export const MAX_TEXT = 1_000_000;
const MAX_SHORT = 2_048;
/** Code blocks the view reports for Apply labels, and the longest block considered. */
export const MAX_CODE_BLOCKS = 40;
export const MAX_BLOCK_CHARS = 200_000;
const BLOCK_ID = /^[A-Za-z0-9_-]{1,64}:\d{1,4}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const ERROR_ACTIONS: readonly ErrorAction[] = ['setApiKey', 'chooseModel', 'chooseRelay', 'retry', 'trimAndRetry', 'openOutput', 'proxySettings', 'tlsSettings'];
const CODE_ACTIONS: readonly CodeAction[] = ['copy', 'insert', 'apply', 'newFile'];
const HOST_COMMANDS: readonly HostCommand[] = ['setApiKey', 'chooseModel', 'showOutput', 'manageTrust'];
const CONTEXT_KINDS: readonly ContextKind[] = ['selection', 'file', 'problems', 'changes', 'symbol'];
const QUERY_KINDS = ['file', 'symbol'] as const;
const SCOPES = ['file', 'workspace'] as const;

type Fields = Record<string, unknown>;

function text(v: unknown, max = MAX_TEXT): string | null {
  return typeof v === 'string' && v.length <= max ? v : null;
}
function id(v: unknown): string | null {
  return typeof v === 'string' && ID.test(v) ? v : null;
}
function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | null {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : null;
}
function httpLink(v: unknown): string | null {
  const s = text(v, MAX_SHORT);
  if (s === null) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** One builder per message type: returns a fresh object with only the known fields, or null. */
const BUILDERS: Record<WebviewToHost['type'], (m: Fields) => WebviewToHost | null> = {
  ready: (m) => (Number.isInteger(m.protocolVersion) ? { type: 'ready', protocolVersion: m.protocolVersion as number } : null),
  send: (m) => {
    const t = text(m.text);
    return t !== null && t.trim() !== '' ? { type: 'send', text: t } : null;
  },
  stop: () => ({ type: 'stop' }),
  regenerate: () => ({ type: 'regenerate' }),
  editLast: (m) => {
    const t = text(m.text);
    return t !== null && t.trim() !== '' ? { type: 'editLast', text: t } : null;
  },
  errorAction: (m) => {
    const messageId = id(m.messageId);
    const action = oneOf(m.action, ERROR_ACTIONS);
    return messageId && action ? { type: 'errorAction', messageId, action } : null;
  },
  codeAction: (m) => {
    const action = oneOf(m.action, CODE_ACTIONS);
    const code = text(m.code);
    const language = text(m.language, 64);
    return action && code !== null && language !== null ? { type: 'codeAction', action, code, language } : null;
  },
  openLink: (m) => {
    const href = httpLink(m.href);
    return href ? { type: 'openLink', href } : null;
  },
  removeChip: (m) => {
    const chip = id(m.id);
    return chip ? { type: 'removeChip', id: chip } : null;
  },
  addContext: (m) => {
    const kind = oneOf(m.kind, CONTEXT_KINDS);
    if (!kind) return null;
    const out: WebviewToHost = { type: 'addContext', kind };
    if (m.pick !== undefined) {
      const pick = text(m.pick, MAX_SHORT);
      if (!pick) return null;
      out.pick = pick;
    }
    if (m.scope !== undefined) {
      const scope = oneOf(m.scope, SCOPES);
      if (!scope) return null;
      out.scope = scope;
    }
    return out;
  },
  contextQuery: (m) => {
    const kind = oneOf(m.kind, QUERY_KINDS);
    const query = text(m.query, 256);
    const requestId = m.requestId;
    return kind && query !== null && Number.isSafeInteger(requestId) ? { type: 'contextQuery', requestId: requestId as number, kind, query } : null;
  },
  setInstructions: (m) => {
    const path = text(m.path, MAX_SHORT);
    return path && typeof m.enabled === 'boolean' ? { type: 'setInstructions', path, enabled: m.enabled } : null;
  },
  newChat: () => ({ type: 'newChat' }),
  switchConversation: (m) => {
    const c = id(m.id);
    return c ? { type: 'switchConversation', id: c } : null;
  },
  renameConversation: (m) => {
    const c = id(m.id);
    return c ? { type: 'renameConversation', id: c } : null;
  },
  deleteConversation: (m) => {
    const c = id(m.id);
    return c ? { type: 'deleteConversation', id: c } : null;
  },
  selectModel: (m) => {
    const model = text(m.model, 256);
    return model && model.trim() !== '' ? { type: 'selectModel', model: model.trim() } : null;
  },
  selectEffort: (m) => {
    if (m.effort === null) return { type: 'selectEffort', effort: null };
    const effort = oneOf(m.effort, EFFORT_LEVELS);
    return effort ? { type: 'selectEffort', effort } : null;
  },
  command: (m) => {
    const command = oneOf(m.command, HOST_COMMANDS);
    return command ? { type: 'command', command } : null;
  },
  chooseRelay: () => ({ type: 'chooseRelay' }),
  codeBlocks: (m) => {
    if (!Array.isArray(m.blocks) || m.blocks.length > MAX_CODE_BLOCKS) return null;
    const blocks: CodeBlockView[] = [];
    for (const b of m.blocks as Fields[]) {
      if (typeof b !== 'object' || b === null) return null;
      const blockId = typeof b.id === 'string' && BLOCK_ID.test(b.id) ? b.id : null;
      const code = text(b.code, MAX_BLOCK_CHARS);
      const language = text(b.language, 64);
      if (!blockId || code === null || language === null) return null;
      blocks.push({ id: blockId, code, language });
    }
    return { type: 'codeBlocks', blocks };
  },
};

/** The host's gate for everything the webview posts: a well-formed copy, or null (dropped). */
export function validateWebviewMessage(x: unknown): WebviewToHost | null {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return null;
  const m = x as Fields;
  if (typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(BUILDERS, m.type)) return null;
  return BUILDERS[m.type as WebviewToHost['type']](m);
}
