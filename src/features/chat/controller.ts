// The chat's host-side state: the current conversation, pending chips, instruction files and
// the one queue every mutating action goes through (abort the streaming answer, await its end,
// then run). It speaks to the webview only through `post` (HostToWebview) and never re-posts
// the conversation per token: deltas go out coalesced from the runner. vscode-free (types
// only), so unit tests drive it against the relay simulator.
import type * as vscode from 'vscode';
import {
  addAssistantMessage, addUserMessage, ChatStore, chipView, createConversation, dropTrailingAnswers, editQuestion,
  historyBefore, instructionView, lastQuestion, OperationQueue, promptBudget, questionContent, summaryOf,
  systemWithInstructions, toChatMessage, toView, trimHistory,
  type Conversation, type InstructionFile, type InstructionSource, type KeyValueStore, type StoredMessage,
} from '../../core/chat/index';
import { contextWindowOf, estimateTokens, priceOf, resolveModel, usageCost } from '../../core/relay/models';
import { PROTOCOL_VERSION, SEND_REFUSED_WHILE_STREAMING, type ChatStateView, type ContextChip, type EffortView, type HostToWebview, type PromptEstimate } from '../../protocol';
import { modelOverridesOf, type FeatureContext } from '../context';
import type { ReasoningEffort } from '../../core/relay/types';
import { EffortChoices } from './effort';
import { ModelList } from './models';
import { runAnswer } from './runner';

export interface AskInput {
  prompt: string;
  /** Shown as the user's message instead of the prompt. */
  display?: string;
  context?: ContextChip[];
}

/** Instruction files the user switched off, per workspace. */
export const INSTRUCTIONS_OFF_KEY = 'relayAssistant.chat.instructionsOff';

export interface ControllerDeps {
  instructions?: InstructionSource;
}

export class ChatController implements vscode.Disposable {
  readonly store: ChatStore;
  readonly models: ModelList;
  /** The reasoning effort chosen per model in this chat. */
  readonly effort: EffortChoices;
  private conv: Conversation;
  private chips: ContextChip[] = [];
  private instructionFiles: InstructionFile[] = [];
  private readonly queue = new OperationQueue();
  private autoRetry: ReturnType<typeof setTimeout> | undefined;
  private lastPromptTokens = 0;
  private disposed = false;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly state: KeyValueStore,
    private readonly post: (m: HostToWebview) => void,
    private readonly deps: ControllerDeps = {},
  ) {
    this.store = new ChatStore(state);
    this.models = new ModelList(ctx);
    this.effort = new EffortChoices(state);
    const restored = (this.store.activeId && this.store.get(this.store.activeId)) || this.store.list()[0];
    this.conv = restored ?? createConversation(ctx.settings().model, Date.now());
  }

  get conversation(): Conversation {
    return this.conv;
  }

  /** true while an answer streams. */
  get busy(): boolean {
    return this.queue.running;
  }

  /** Resolves when no action is queued and no answer streams (saved included). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  async snapshot(): Promise<ChatStateView> {
    return {
      conversationId: this.conv.id,
      title: this.conv.title,
      model: this.conv.model,
      messages: this.conv.messages.map(toView),
      conversations: this.listed(),
      models: this.models.merged(this.conv.model),
      effort: this.effortView(),
      chips: this.chips.map(chipView),
      busy: this.busy,
      welcome: await this.models.needsWelcome(),
      instructions: this.instructionViews(),
      estimate: this.estimate(),
    };
  }

  async postState(): Promise<void> {
    this.ctx.setStatusModel(this.conv.model);
    this.post({ type: 'state', protocolVersion: PROTOCOL_VERSION, state: await this.snapshot() });
  }

  /** Fetches the relay's model list in the background and tells the view. */
  refreshModels(): Promise<void> {
    return this.models.refresh().then(() => this.postModels());
  }

  postModels(): void {
    this.post({ type: 'models', models: this.models.merged(this.conv.model), selected: this.conv.model, effort: this.effortView() });
  }

  /** Re-reads the instruction files (on ready, and when one changes on disk). */
  async refreshInstructions(): Promise<void> {
    this.instructionFiles = (await this.deps.instructions?.read().catch(() => [])) ?? [];
    this.post({ type: 'instructions', files: this.instructionViews() });
    this.postEstimate();
  }

  async setInstructionEnabled(path: string, enabled: boolean): Promise<void> {
    const off = new Set(this.instructionsOff());
    if (enabled) off.delete(path);
    else off.add(path);
    await this.state.update(INSTRUCTIONS_OFF_KEY, [...off]);
    this.post({ type: 'instructions', files: this.instructionViews() });
    this.postEstimate();
  }

  /** Explain, askInChat: aborts the streaming answer (if any), then asks. */
  ask(input: AskInput): Promise<void> {
    return this.enqueue(() => this.askNow(input));
  }

  /** A question typed in the view: refused while an answer streams (the text goes back to the box). */
  send(text: string): Promise<void> {
    this.cancelAutoRetry();
    return this.queue.enqueue(
      () => (this.queue.running ? this.post({ type: 'sendRefused', text, reason: SEND_REFUSED_WHILE_STREAMING }) : this.askNow({ prompt: text })),
      { abortActive: false },
    );
  }

  stop(): void {
    this.cancelAutoRetry();
    this.queue.stop();
  }

  /** Drops the answers after the last question and asks again (trim: with half the last prompt size). */
  retry(trim = false): Promise<void> {
    return this.enqueue(() => this.retryNow(trim));
  }

  /** Replaces the last question with new text (its context is kept) and asks again. */
  editLast(text: string): Promise<void> {
    return this.enqueue(() => {
      const question = lastQuestion(this.conv);
      if (!question) return this.askNow({ prompt: text });
      const removed = dropTrailingAnswers(this.conv);
      editQuestion(question, text);
      this.post({ type: 'messagesRemoved', ids: [...removed, question.id] });
      this.post({ type: 'messageAdded', message: toView(question) });
      this.startAnswer();
    });
  }

  addChip(chip: ContextChip): void {
    this.chips = [...this.chips.filter((c) => c.id !== chip.id), chip];
    this.postChips();
  }

  removeChip(id: string): void {
    this.chips = this.chips.filter((c) => c.id !== id);
    this.postChips();
  }

  selectModel(model: string): Promise<void> {
    return this.queue.enqueue(async () => {
      this.conv.model = model;
      this.ctx.setStatusModel(model);
      if (this.conv.messages.length) await this.store.save(this.conv);
      this.postModels();
      this.postEstimate();
    }, { abortActive: false });
  }

  /** The effort picker of the current model (null: it takes no effort). */
  effortView(): EffortView | null {
    return this.effort.view(this.conv.model, modelOverridesOf(this.ctx));
  }

  /** The reasoning effort for the current model in this chat (null: the model's default). */
  selectEffort(effort: ReasoningEffort | null): Promise<void> {
    return this.queue.enqueue(async () => {
      await this.effort.set(this.conv.model, effort);
      this.postModels();
    }, { abortActive: false });
  }

  newChat(): Promise<void> {
    return this.enqueue(() => (this.conv.messages.length === 0 ? this.postState() : this.show(createConversation(this.ctx.settings().model, Date.now()))));
  }

  switchTo(id: string): Promise<void> {
    return this.enqueue(async () => {
      const target = this.store.get(id);
      if (target && target.id !== this.conv.id) await this.show(target);
    });
  }

  rename(id: string, title: string): Promise<void> {
    return this.queue.enqueue(async () => {
      const conv = id === this.conv.id ? this.conv : this.store.get(id);
      if (!conv || !title.trim()) return;
      conv.title = title.trim().slice(0, 200);
      if (conv.messages.length) await this.store.save(conv);
      this.postConversations();
    }, { abortActive: false });
  }

  /** Deletes a conversation; the answer streaming into it is stopped first and cannot bring it back. */
  remove(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.store.delete(id);
      if (id !== this.conv.id) return this.postConversations();
      await this.show(this.store.list()[0] ?? createConversation(this.ctx.settings().model, Date.now()));
    });
  }

  postConversations(): void {
    this.post({ type: 'conversations', conversations: this.listed(), currentId: this.conv.id, title: this.conv.title });
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  /** Every mutating action: cancels a pending automatic retry now, then queues (abort, await, run). */
  private enqueue(step: () => Promise<void> | void): Promise<void> {
    this.cancelAutoRetry();
    return this.queue.enqueue(step);
  }

  private listed() {
    const listed = this.store.list().map(summaryOf);
    if (!listed.some((c) => c.id === this.conv.id)) listed.unshift(summaryOf(this.conv));
    return listed;
  }

  private askNow(input: AskInput): void {
    const chips = [...this.chips, ...(input.context ?? [])];
    this.chips = [];
    const display = input.display?.trim() ? input.display : undefined;
    const text = display ?? input.prompt;
    const context = { chips, ...(display !== undefined && display !== input.prompt ? { prompt: input.prompt, display } : {}) };
    const question = addUserMessage(this.conv, { text, chips: chips.map(chipView), context }, Date.now());
    this.postChips();
    this.post({ type: 'messageAdded', message: toView(question) });
    this.postConversations();
    this.startAnswer();
  }

  private retryNow(trim: boolean, onlyIfLast?: string): void {
    if (!lastQuestion(this.conv)) return;
    if (onlyIfLast !== undefined && this.conv.messages.at(-1)?.id !== onlyIfLast) return;
    const removed = dropTrailingAnswers(this.conv);
    if (removed.length) this.post({ type: 'messagesRemoved', ids: removed });
    this.startAnswer(trim ? Math.max(1, Math.floor(this.lastPromptTokens / 2)) : undefined);
  }

  private async show(conv: Conversation): Promise<void> {
    this.conv = conv;
    this.lastPromptTokens = 0;
    if (conv.messages.length) await this.store.setActive(conv.id);
    await this.postState();
  }

  private enabledInstructions(): InstructionFile[] {
    const off = new Set(this.instructionsOff());
    return this.instructionFiles.filter((f) => !off.has(f.path));
  }

  private instructionsOff(): string[] {
    const v = this.state.get<unknown>(INSTRUCTIONS_OFF_KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  private instructionViews() {
    const off = new Set(this.instructionsOff());
    return this.instructionFiles.map((f) => instructionView(f, !off.has(f.path)));
  }

  /** The prompt for `question` (history trimmed to the model's window, or to `budget`). */
  private prompt(conv: Conversation, question: StoredMessage | null, budget?: number) {
    const settings = this.ctx.settings();
    const window = contextWindowOf(resolveModel(conv.model), modelOverridesOf(this.ctx));
    const trimmed = trimHistory({
      system: systemWithInstructions(settings.systemPrompt, this.enabledInstructions()),
      history: historyBefore(conv, question ?? undefined),
      question: question ? toChatMessage(question) : { role: 'user', content: questionContent('', this.chips) },
      budgetTokens: Math.min(promptBudget(window), budget ?? Infinity),
      estimate: estimateTokens,
    });
    return { trimmed, window };
  }

  private estimate(): PromptEstimate {
    const { trimmed } = this.prompt(this.conv, null);
    const price = priceOf(resolveModel(this.conv.model), modelOverridesOf(this.ctx));
    return { tokens: trimmed.tokens, costUsd: price ? usageCost({ promptTokens: trimmed.tokens, completionTokens: 0 }, price) : null, model: this.conv.model };
  }

  private postEstimate(): void {
    this.post({ type: 'estimate', estimate: this.estimate() });
  }

  private postChips(): void {
    this.post({ type: 'chips', chips: this.chips.map(chipView) });
    this.postEstimate();
  }

  private startAnswer(budget?: number): void {
    const conv = this.conv;
    const question = lastQuestion(conv);
    if (!question) return;
    const { trimmed, window } = this.prompt(conv, question, budget);
    if (trimmed.dropped) this.ctx.output.info(`chat: left out ${trimmed.dropped} earlier messages to fit the context window`);
    this.lastPromptTokens = trimmed.tokens;
    const answer = addAssistantMessage(conv, Date.now());
    this.post({ type: 'messageAdded', message: toView(answer) });
    if (trimmed.overBudget && trimmed.tokens > promptBudget(window)) return this.refuseTooLong(answer, conv, trimmed.tokens, window);
    this.post({ type: 'busy', busy: true });
    void this.store.save(conv).then(() => this.store.setActive(conv.id));
    this.queue.start(
      async (signal) => {
        const reasoningEffort = this.effort.forRequest(conv.model, modelOverridesOf(this.ctx));
        await runAnswer(this.ctx, this.post, { answer, model: conv.model, messages: trimmed.messages, signal, reasoningEffort });
        // a conversation deleted while it streamed stays deleted
        await this.store.saveIfPresent(conv);
      },
      () => {
        this.post({ type: 'busy', busy: false });
        this.postEstimate();
        if (answer.error?.retryAt && this.conv === conv && !this.disposed) this.scheduleAutoRetry(answer.error.retryAt, answer.id);
      },
    );
  }

  /** The new question alone does not fit the model: say so before paying for a request the relay would refuse. */
  private refuseTooLong(answer: StoredMessage, conv: Conversation, tokens: number, window: number): void {
    answer.state = 'error';
    answer.error = {
      kind: 'context_length',
      message: `This message is too long for ${conv.model}: about ${tokens.toLocaleString('en-US')} tokens, and its context window leaves room for about ${promptBudget(window).toLocaleString('en-US')}. Remove context chips, shorten it, or choose a model with a larger window (for an unlisted model, set its contextWindow under relayAssistant.models).`,
      actions: ['chooseModel'],
      detail: null,
      retryAt: null,
    };
    this.post({ type: 'messageFinished', id: answer.id, state: answer.state, text: '', meta: null, error: answer.error });
    void this.store.save(conv);
  }

  /** The rate-limit retry goes through the queue too, and only retries the answer it was scheduled for. */
  private scheduleAutoRetry(at: number, answerId: string): void {
    this.cancelAutoRetry();
    this.autoRetry = setTimeout(() => {
      this.autoRetry = undefined;
      void this.queue.enqueue(() => (this.queue.running ? undefined : this.retryNow(false, answerId)), { abortActive: false });
    }, Math.max(0, at - Date.now()));
  }

  private cancelAutoRetry(): void {
    if (this.autoRetry !== undefined) clearTimeout(this.autoRetry);
    this.autoRetry = undefined;
  }
}
