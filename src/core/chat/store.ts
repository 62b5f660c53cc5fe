// Persistence of conversations in a key-value store (VS Code's workspaceState in the
// extension, a Map in tests). Format: one key, versioned; malformed entries are dropped.
import type { Conversation, QuestionContext, StoredMessage } from './conversation';
import type { ChipView, ContextChip, ErrorView, MessageMeta } from '../../protocol';

/** The subset of vscode.Memento the store needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const CHAT_STATE_KEY = 'relayAssistant.chat';
export const CHAT_STATE_VERSION = 1;
/** Oldest conversations beyond this are forgotten. */
export const MAX_CONVERSATIONS = 100;

export interface PersistedChats {
  version: typeof CHAT_STATE_VERSION;
  activeId: string | null;
  conversations: Conversation[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseMessage(v: unknown): StoredMessage | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.text) || (v.role !== 'user' && v.role !== 'assistant')) return null;
  const state = v.state === 'done' || v.state === 'stopped' || v.state === 'error' ? v.state : v.state === 'streaming' ? 'stopped' : 'done';
  const m: StoredMessage = {
    id: v.id,
    role: v.role,
    text: v.text,
    state, // an answer still streaming when the window closed is shown as stopped
    chips: Array.isArray(v.chips) ? (v.chips.filter(isObj) as unknown as ChipView[]) : [],
    meta: isObj(v.meta) ? (v.meta as unknown as MessageMeta) : null,
    error: isObj(v.error) ? ({ ...(v.error as unknown as ErrorView), retryAt: null }) : null,
  };
  if (isStr(v.content)) m.content = v.content;
  const context = parseContext(v.context);
  if (context) m.context = context;
  return m;
}

function parseContext(v: unknown): QuestionContext | null {
  if (!isObj(v) || !Array.isArray(v.chips)) return null;
  const chips = v.chips.filter((c): c is ContextChip => isObj(c) && isStr(c.id) && isStr(c.kind) && isStr(c.path) && isStr(c.text)).map((c) => ({ ...c, language: isStr(c.language) ? c.language : 'plaintext' }));
  const context: QuestionContext = { chips };
  if (isStr(v.prompt)) context.prompt = v.prompt;
  if (isStr(v.display)) context.display = v.display;
  return context;
}

function parseConversation(v: unknown): Conversation | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.title) || !isStr(v.model) || !Array.isArray(v.messages)) return null;
  const messages = v.messages.map(parseMessage).filter((m): m is StoredMessage => m !== null);
  const createdAt = isNum(v.createdAt) ? v.createdAt : 0;
  return { id: v.id, title: v.title, model: v.model, createdAt, updatedAt: isNum(v.updatedAt) ? v.updatedAt : createdAt, messages };
}

/** Reads whatever is stored; anything unreadable becomes an empty list, never an exception. */
export function parsePersisted(raw: unknown): PersistedChats {
  const empty: PersistedChats = { version: CHAT_STATE_VERSION, activeId: null, conversations: [] };
  if (!isObj(raw) || raw.version !== CHAT_STATE_VERSION || !Array.isArray(raw.conversations)) return empty;
  const conversations = raw.conversations.map(parseConversation).filter((c): c is Conversation => c !== null);
  const activeId = isStr(raw.activeId) && conversations.some((c) => c.id === raw.activeId) ? raw.activeId : null;
  return { version: CHAT_STATE_VERSION, activeId, conversations };
}

/** Conversations of one workspace, newest first. Writes go through `save`, never per token. */
export class ChatStore {
  private data: PersistedChats;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly kv: KeyValueStore) {
    this.data = parsePersisted(kv.get(CHAT_STATE_KEY));
  }

  list(): Conversation[] {
    return [...this.data.conversations].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  get(id: string): Conversation | undefined {
    return this.data.conversations.find((c) => c.id === id);
  }

  get activeId(): string | null {
    return this.data.activeId;
  }

  /** Adds or replaces a conversation and writes. */
  save(conv: Conversation): Promise<void> {
    const i = this.data.conversations.findIndex((c) => c.id === conv.id);
    if (i >= 0) this.data.conversations[i] = conv;
    else this.data.conversations.push(conv);
    this.data.conversations = this.list().slice(0, MAX_CONVERSATIONS);
    return this.write();
  }

  /** Remembers which conversation the view shows (restored after a reload). */
  setActive(id: string): Promise<void> {
    if (this.data.activeId === id) return this.writing;
    this.data.activeId = id;
    return this.write();
  }

  /** Writes a conversation only if it is still stored (a run ending after its conversation was deleted brings nothing back). */
  saveIfPresent(conv: Conversation): Promise<void> {
    return this.get(conv.id) ? this.save(conv) : this.writing;
  }

  delete(id: string): Promise<void> {
    this.data.conversations = this.data.conversations.filter((c) => c.id !== id);
    if (this.data.activeId === id) this.data.activeId = null;
    return this.write();
  }

  /** Resolves when every write issued so far has finished. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private write(): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(this.data)) as PersistedChats;
    this.writing = this.writing.then(() => this.kv.update(CHAT_STATE_KEY, snapshot)).catch(() => undefined);
    return this.writing;
  }
}
