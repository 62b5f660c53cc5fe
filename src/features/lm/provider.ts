// The relay's models in VS Code's language model API (chat model picker, agent mode, and every
// extension that calls vscode.lm.selectChatModels). A thin mapping onto the relay client the
// chat uses: keys per origin, masking, retries and fallback, cost in the status bar.
import * as vscode from 'vscode';
import { capabilitiesOf } from '../../core/models/capabilities';
import { ReasoningMemory, countTokens, modelInformation, requestFields, respond, toChatMessages } from '../../core/lm/index';
import { secretHeaderValues } from '../../core/redact';
import { ModelList, isLocalRelay } from '../chat/models';
import type { FeatureContext } from '../context';
import { relayInfo } from '../settings';
import type {
  LanguageModelChatInformation, LanguageModelChatProvider, LanguageModelChatRequestMessage, LanguageModelResponsePart,
  LmRuntime, PrepareLanguageModelChatModelOptions, ProvideLanguageModelChatResponseOptions,
} from './lmApi';
import { toLmMessage } from './parts';

export class RelayModelProvider implements LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly memory = new ReasoningMemory();
  private readonly models: ModelList;
  /** The relay's /models was asked since the last change (VS Code asks for the list often). */
  private listed = false;

  constructor(private readonly ctx: FeatureContext, private readonly rt: LmRuntime) {
    this.models = new ModelList(ctx);
  }

  /** baseUrl, key, models or trust changed: the list is asked again. */
  refresh(): void {
    this.models.forget();
    this.listed = false;
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<LanguageModelChatInformation[]> {
    const relay = relayInfo();
    let key = await this.ctx.apiKey().catch(() => undefined);
    if (!key && !isLocalRelay(relay.baseUrl)) {
      // Silent: no key, no models, no prompt. Asked by the user (Manage Models): offer to set the key.
      if (options.silent || token.isCancellationRequested) return [];
      await vscode.commands.executeCommand('relayAssistant.setApiKey');
      key = await this.ctx.apiKey().catch(() => undefined);
      if (!key) return [];
    }
    if (!this.listed) {
      await this.models.refresh();
      this.listed = true;
    }
    const s = this.ctx.settings();
    return modelInformation({ ids: this.models.merged(s.model), remote: this.models.remoteInfo(), overrides: s.models, baseUrl: relay.baseUrl });
  }

  async provideLanguageModelChatResponse(
    model: LanguageModelChatInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const s = this.ctx.settings();
    const mapped = toChatMessages(messages.map((m) => toLmMessage(m, this.rt)), { vision: capabilitiesOf(model.id, s.models).imageInput, reasoningFor: (id) => this.memory.get(id) });
    const fields = requestFields(options);
    this.ctx.output.info(`lm: ${model.id}, ${mapped.messages.length} message(s), ${fields.tools?.length ?? 0} tool(s)${mapped.dropped ? `, ${mapped.dropped} part(s) left out (unknown kinds, or images for a model without vision)` : ''}`);
    // Cancellation flows one way: the token becomes one AbortSignal, which closes the socket.
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      const key = await this.ctx.apiKey().catch(() => undefined);
      const client = await this.ctx.relay();
      abort.signal.throwIfAborted();
      await respond(
        client,
        { model: model.id, messages: mapped.messages, ...fields, signal: abort.signal },
        {
          text: (value) => progress.report(new this.rt.LanguageModelTextPart(value)),
          toolCall: (call) => progress.report(new this.rt.LanguageModelToolCallPart(call.callId, call.name, call.input)),
        },
        this.memory,
        { addCost: (usd, m) => this.ctx.addCost(usd, m), secrets: () => [key ?? '', ...secretHeaderValues(s.headers)] },
      );
    } catch (e) {
      if (abort.signal.aborted) throw new vscode.CancellationError();
      this.ctx.output.error(`lm: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    } finally {
      sub.dispose();
    }
  }

  async provideTokenCount(_model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    return countTokens(typeof text === 'string' ? text : toLmMessage(text, this.rt));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
