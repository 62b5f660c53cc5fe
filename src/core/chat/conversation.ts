// The conversation model: what a chat holds, how it turns into relay messages and views.
import type { ChatMessage } from '../relay/types';
import type { ChipView, ContextChip, ConversationSummary, ErrorView, MessageMeta, MessageState, MessageView } from '../../protocol';
import { questionContent } from './prompt';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  /** What the user sees: the question (or `display` of askInChat), or the answer's Markdown. */
  text: string;
  /** What the model gets when it differs from `text` (legacy: older saves kept the question and its context in one string). */
  content?: string;
  /**
   * A question's context, stored apart from its display text so Edit & resend keeps it: the
   * chips (selection, file, problems, …) and the caller's own prompt when the user saw a
   * shorter `display` (Explain: location and code).
   */
  context?: QuestionContext;
  state: MessageState;
  chips: ChipView[];
  meta: MessageMeta | null;
  error: ErrorView | null;
}

export interface QuestionContext {
  chips: ContextChip[];
  /** The full prompt of a question asked with a shorter display text (Explain Selection)… */
  prompt?: string;
  /** …and that display text, as first shown. */
  display?: string;
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

export function addUserMessage(conv: Conversation, q: { text: string; content?: string; chips?: ChipView[]; context?: QuestionContext }, now: number): StoredMessage {
  const message: StoredMessage = { id: newId(), role: 'user', text: q.text, state: 'done', chips: q.chips ?? [], meta: null, error: null };
  if (q.content !== undefined && q.content !== q.text) message.content = q.content;
  if (q.context && (q.context.chips.length > 0 || q.context.prompt !== undefined)) message.context = q.context;
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

/** What the model is asked for a question: its text (or the caller's prompt) followed by its context. */
export function questionText(m: StoredMessage): string {
  const ctx = m.context;
  if (!ctx) return m.content ?? m.text;
  let asked = m.text;
  if (ctx.prompt !== undefined) {
    // not edited: the caller's prompt as it was; edited: the new text, then the caller's prompt as context
    asked = m.text === ctx.display ? ctx.prompt : `${m.text}\n\nContext of this question (first asked as "${ctx.display ?? ''}"):\n\n${ctx.prompt}`;
  }
  return questionContent(asked, ctx.chips);
}

/** Replaces a question's text (Edit & resend); its context (chips, the caller's prompt) stays. */
export function editQuestion(m: StoredMessage, text: string): void {
  if (!m.context) {
    // an older save: the context followed the question in one string
    if (m.content?.startsWith(m.text)) m.content = text + m.content.slice(m.text.length);
    else delete m.content;
  }
  m.text = text;
}

/** The relay message for one stored message. */
export function toChatMessage(m: StoredMessage): ChatMessage {
  return { role: m.role, content: m.role === 'user' ? questionText(m) : m.text };
}

/**
 * The earlier turns sent with a new question: every question, and every answer the user saw
 * text of (done, stopped, or failed with partial text). `before` excludes the new question.
 */
export function historyBefore(conv: Conversation, before?: StoredMessage): ChatMessage[] {
  const end = before ? conv.messages.indexOf(before) : -1;
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
