// The conversation model: what a chat holds, how it turns into relay messages and views.
import type { ChatMessage } from '../relay/types';
import type { ChipView, ConversationSummary, ErrorView, MessageMeta, MessageState, MessageView } from '../../protocol';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  /** What the user sees: the question (or `display` of askInChat), or the answer's Markdown. */
  text: string;
  /** What the model gets when it differs from `text` (a question with its context chips). */
  content?: string;
  state: MessageState;
  chips: ChipView[];
  meta: MessageMeta | null;
  error: ErrorView | null;
}

export interface Conversation {
  id: string;
  title: string;
  /** The model chosen for this conversation. */
  model: string;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
}

export const UNTITLED = 'New chat';
const TITLE_MAX = 60;

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function createConversation(model: string, now: number, id = newId()): Conversation {
  return { id, title: UNTITLED, model, createdAt: now, updatedAt: now, messages: [] };
}

/** A title from the first line of the first question. */
export function titleFrom(question: string): string {
  const line = question.trim().split(/\r?\n/, 1)[0] ?? '';
  const title = line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
  return title || UNTITLED;
}

export function addUserMessage(conv: Conversation, q: { text: string; content?: string; chips?: ChipView[] }, now: number): StoredMessage {
  const message: StoredMessage = { id: newId(), role: 'user', text: q.text, state: 'done', chips: q.chips ?? [], meta: null, error: null };
  if (q.content !== undefined && q.content !== q.text) message.content = q.content;
  if (conv.title === UNTITLED) conv.title = titleFrom(q.text);
  conv.messages.push(message);
  conv.updatedAt = now;
  return message;
}

export function addAssistantMessage(conv: Conversation, now: number): StoredMessage {
  const message: StoredMessage = { id: newId(), role: 'assistant', text: '', state: 'streaming', chips: [], meta: null, error: null };
  conv.messages.push(message);
  conv.updatedAt = now;
  return message;
}

/** Removes the answers after the last question; returns their ids. */
export function dropTrailingAnswers(conv: Conversation): string[] {
  const removed: string[] = [];
  while (conv.messages.length > 0 && conv.messages[conv.messages.length - 1].role === 'assistant') {
    removed.unshift(conv.messages.pop()!.id);
  }
  return removed;
}

export function lastQuestion(conv: Conversation): StoredMessage | undefined {
  for (let i = conv.messages.length - 1; i >= 0; i--) if (conv.messages[i].role === 'user') return conv.messages[i];
  return undefined;
}

/** The relay message for one stored message. */
export function toChatMessage(m: StoredMessage): ChatMessage {
  return { role: m.role, content: m.content ?? m.text };
}

/**
 * The earlier turns sent with a new question: every question, and every answer the user saw
 * text of (done, stopped, or failed with partial text). `before` excludes the new question.
 */
export function historyBefore(conv: Conversation, before: StoredMessage): ChatMessage[] {
  const end = conv.messages.indexOf(before);
  const upTo = end < 0 ? conv.messages.length : end;
  const out: ChatMessage[] = [];
  for (const m of conv.messages.slice(0, upTo)) {
    if (m.role === 'assistant' && (m.state === 'streaming' || m.text === '')) continue;
    out.push(toChatMessage(m));
  }
  return out;
}

export function toView(m: StoredMessage): MessageView {
  return { id: m.id, role: m.role, text: m.text, state: m.state, chips: m.chips, meta: m.meta, error: m.error };
}

export function summaryOf(conv: Conversation): ConversationSummary {
  return { id: conv.id, title: conv.title, updatedAt: conv.updatedAt };
}
