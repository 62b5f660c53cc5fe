// The chat's host-side state: the current conversation, pending chips, the running answer.
// It speaks to the webview only through `post` (HostToWebview) and never re-posts the
// conversation per token: deltas go out coalesced from the runner.
import type * as vscode from 'vscode';
import {
  addAssistantMessage, addUserMessage, ChatStore, chipView, createConversation, dropTrailingAnswers, historyBefore,
  lastQuestion, promptBudget, questionContent, summaryOf, systemMessage, toChatMessage, toView, trimHistory,
  type Conversation, type KeyValueStore, type StoredMessage,
} from '../../core/chat/index';
import { contextWindowOf, estimateTokens, resolveModel } from '../../core/relay/models';
import { PROTOCOL_VERSION, type ChatStateView, type ContextChip, type HostToWebview } from '../../protocol';
import type { FeatureContext } from '../context';
import { ModelList } from './models';
import { runAnswer } from './runner';

export interface AskInput {
  prompt: string;
  /** Shown as the user's message instead of the prompt. */
  display?: string;
  context?: ContextChip[];
}

interface ActiveRun {
  abort: AbortController;
  answerId: string;
  done: Promise<void>;
}

export class ChatController implements vscode.Disposable {
  readonly store: ChatStore;
  readonly models: ModelList;
  private conv: Conversation;
  private chips: ContextChip[] = [];
  private active: ActiveRun | null = null;
  private autoRetry: ReturnType<typeof setTimeout> | undefined;
  private lastPromptTokens = 0;

  constructor(
    private readonly ctx: FeatureContext,
    state: KeyValueStore,
    private readonly post: (m: HostToWebview) => void,
  ) {
    this.store = new ChatStore(state);
    this.models = new ModelList(ctx);
    const restored = (this.store.activeId && this.store.get(this.store.activeId)) || this.store.list()[0];
    this.conv = restored ?? createConversation(ctx.settings().model, Date.now());
  }

  get conversation(): Conversation {
    return this.conv;
  }

  get busy(): boolean {
    return this.active !== null;
  }

  /** Resolves when the running answer (if any) has finished and been saved. */
  whenIdle(): Promise<void> {
    return this.active?.done ?? Promise.resolve();
  }

  async snapshot(): Promise<ChatStateView> {
    const listed = this.store.list().map(summaryOf);
    if (!listed.some((c) => c.id === this.conv.id)) listed.unshift(summaryOf(this.conv));
    return {
      conversationId: this.conv.id,
      title: this.conv.title,
      model: this.conv.model,
      messages: this.conv.messages.map(toView),
      conversations: listed,
      models: this.models.merged(this.conv.model),
      chips: this.chips.map(chipView),
      busy: this.busy,
      welcome: await this.models.needsWelcome(),
    };
  }

  async postState(): Promise<void> {
    this.ctx.setStatusModel(this.conv.model);
    this.post({ type: 'state', protocolVersion: PROTOCOL_VERSION, state: await this.snapshot() });
  }

  /** Fetches the relay's model list in the background and tells the view. */
  refreshModels(): void {
    void this.models.refresh().then(() => this.postModels());
  }

  postModels(): void {
    this.post({ type: 'models', models: this.models.merged(this.conv.model), selected: this.conv.model });
  }

  async ask(input: AskInput): Promise<void> {
    await this.stopAndWait();
    const chips = [...this.chips, ...(input.context ?? [])];
    this.chips = [];
    this.post({ type: 'chips', chips: [] });
    const text = input.display?.trim() ? input.display : input.prompt;
    const question = addUserMessage(this.conv, { text, content: questionContent(input.prompt, chips), chips: chips.map(chipView) }, Date.now());
    this.post({ type: 'messageAdded', message: toView(question) });
    this.postConversations();
    this.startAnswer();
  }

  stop(): void {
    this.cancelAutoRetry();
    this.active?.abort.abort();
  }

  /** Drops the answers after the last question and asks again (trim: with half the last prompt size). */
  async retry(trim = false): Promise<void> {
    await this.stopAndWait();
    if (!lastQuestion(this.conv)) return;
    const removed = dropTrailingAnswers(this.conv);
    if (removed.length) this.post({ type: 'messagesRemoved', ids: removed });
    this.startAnswer(trim ? Math.max(1, Math.floor(this.lastPromptTokens / 2)) : undefined);
  }

  /** Replaces the last question with new text (its context chips are kept) and asks again. */
  async editLast(text: string): Promise<void> {
    await this.stopAndWait();
    const question = lastQuestion(this.conv);
    if (!question) return this.ask({ prompt: text });
    const removed = dropTrailingAnswers(this.conv);
    const context = question.content?.startsWith(question.text) ? question.content.slice(question.text.length) : '';
    question.text = text;
    question.content = context ? text + context : undefined;
    if (!context) delete question.content;
    this.post({ type: 'messagesRemoved', ids: [...removed, question.id] });
    this.post({ type: 'messageAdded', message: toView(question) });
    this.startAnswer();
  }

  addChip(chip: ContextChip): void {
    this.chips = [...this.chips.filter((c) => c.id !== chip.id), chip];
    this.post({ type: 'chips', chips: this.chips.map(chipView) });
  }

  removeChip(id: string): void {
    this.chips = this.chips.filter((c) => c.id !== id);
    this.post({ type: 'chips', chips: this.chips.map(chipView) });
  }

  async selectModel(model: string): Promise<void> {
    this.conv.model = model;
    this.ctx.setStatusModel(model);
    if (this.conv.messages.length) await this.store.save(this.conv);
    this.postModels();
  }

  async newChat(): Promise<void> {
    if (this.conv.messages.length === 0) return this.postState();
    await this.show(createConversation(this.ctx.settings().model, Date.now()));
  }

  async switchTo(id: string): Promise<void> {
    const target = this.store.get(id);
    if (target && target.id !== this.conv.id) await this.show(target);
  }

  async rename(id: string, title: string): Promise<void> {
    const conv = id === this.conv.id ? this.conv : this.store.get(id);
    if (!conv || !title.trim()) return;
    conv.title = title.trim().slice(0, 200);
    if (conv.messages.length) await this.store.save(conv);
    this.postConversations();
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(id);
    if (id !== this.conv.id) return this.postConversations();
    await this.show(this.store.list()[0] ?? createConversation(this.ctx.settings().model, Date.now()));
  }

  postConversations(): void {
    const listed = this.store.list().map(summaryOf);
    if (!listed.some((c) => c.id === this.conv.id)) listed.unshift(summaryOf(this.conv));
    this.post({ type: 'conversations', conversations: listed, currentId: this.conv.id, title: this.conv.title });
  }

  dispose(): void {
    this.stop();
  }

  private async show(conv: Conversation): Promise<void> {
    await this.stopAndWait();
    this.conv = conv;
    this.lastPromptTokens = 0;
    if (conv.messages.length) await this.store.setActive(conv.id);
    await this.postState();
  }

  private async stopAndWait(): Promise<void> {
    this.stop();
    await this.whenIdle();
  }

  private startAnswer(budget?: number): void {
    const conv = this.conv;
    const question = lastQuestion(conv);
    if (!question) return;
    const settings = this.ctx.settings();
    const window = contextWindowOf(resolveModel(conv.model), settings.models);
    const trimmed = trimHistory({
      system: systemMessage(settings.systemPrompt),
      history: historyBefore(conv, question),
      question: toChatMessage(question),
      budgetTokens: Math.min(promptBudget(window), budget ?? Infinity),
      estimate: estimateTokens,
    });
    if (trimmed.dropped) this.ctx.output.info(`chat: left out ${trimmed.dropped} earlier messages to fit the context window`);
    this.lastPromptTokens = trimmed.tokens;
    const answer = addAssistantMessage(conv, Date.now());
    this.post({ type: 'messageAdded', message: toView(answer) });
    if (trimmed.overBudget && trimmed.tokens > promptBudget(window)) return this.refuseTooLong(answer, conv.model, trimmed.tokens, window);
    this.post({ type: 'busy', busy: true });
    void this.store.save(conv).then(() => this.store.setActive(conv.id));
    const abort = new AbortController();
    const run: ActiveRun = { abort, answerId: answer.id, done: Promise.resolve() };
    run.done = runAnswer(this.ctx, this.post, { answer, model: conv.model, messages: trimmed.messages, signal: abort.signal })
      .then(() => this.store.save(conv))
      .finally(() => {
        if (this.active !== run) return;
        this.active = null;
        this.post({ type: 'busy', busy: false });
        if (answer.error?.retryAt && this.conv === conv) this.scheduleAutoRetry(answer.error.retryAt);
      });
    this.active = run;
  }

  /** The new question alone does not fit the model: say so before paying for a request the relay would refuse. */
  private refuseTooLong(answer: StoredMessage, model: string, tokens: number, window: number): void {
    answer.state = 'error';
    answer.error = {
      kind: 'context_length',
      message: `This message is too long for ${model}: about ${tokens.toLocaleString('en-US')} tokens, and its context window leaves room for about ${promptBudget(window).toLocaleString('en-US')}. Remove context chips, shorten it, or choose a model with a larger window (for an unlisted model, set its contextWindow under relayAssistant.models).`,
      actions: ['chooseModel'],
      detail: null,
      retryAt: null,
    };
    this.post({ type: 'messageFinished', id: answer.id, state: answer.state, text: '', meta: null, error: answer.error });
    void this.store.save(this.conv);
  }

  private scheduleAutoRetry(at: number): void {
    this.cancelAutoRetry();
    this.autoRetry = setTimeout(() => void this.retry(false), Math.max(0, at - Date.now()));
  }

  private cancelAutoRetry(): void {
    if (this.autoRetry !== undefined) clearTimeout(this.autoRetry);
    this.autoRetry = undefined;
  }
}
