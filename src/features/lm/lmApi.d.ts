// The part of VS Code 1.104's language model provider API this extension uses. Our
// @types/vscode is older (engines.vscode stays low), so the shapes are declared here, copied
// from @types/vscode 1.104 / 1.138 (vscode.d.ts); api.ts checks at run time that they exist.
import type * as vscode from 'vscode';

export interface LanguageModelChatCapabilities {
  readonly imageInput?: boolean;
  readonly toolCalling?: boolean | number;
}

export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly version: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: LanguageModelChatCapabilities;
}

export interface PrepareLanguageModelChatModelOptions {
  readonly silent: boolean;
}

export interface LanguageModelChatTool {
  name: string;
  description: string;
  inputSchema?: object | undefined;
}

export interface ProvideLanguageModelChatResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LanguageModelChatTool[];
  /** LanguageModelChatToolMode: Auto = 1, Required = 2. */
  readonly toolMode: number;
}

export interface LanguageModelChatRequestMessage {
  /** LanguageModelChatMessageRole: User = 1, Assistant = 2 (System = 3 in the proposed API Copilot Chat uses). */
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface LanguageModelTextPart {
  value: string;
}

export interface LanguageModelToolCallPart {
  callId: string;
  name: string;
  input: object;
}

export interface LanguageModelToolResultPart {
  callId: string;
  content: unknown[];
}

export interface LanguageModelDataPart {
  mimeType: string;
  data: Uint8Array;
}

export type LanguageModelResponsePart = LanguageModelTextPart | LanguageModelToolCallPart;

export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(
    model: T,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

/** The runtime classes and the registration function (present from VS Code 1.104; LanguageModelDataPart from 1.105). */
export interface LmRuntime {
  registerLanguageModelChatProvider(vendor: string, provider: LanguageModelChatProvider): vscode.Disposable;
  LanguageModelTextPart: new (value: string) => LanguageModelTextPart;
  LanguageModelToolCallPart: new (callId: string, name: string, input: object) => LanguageModelToolCallPart;
  LanguageModelToolResultPart: new (callId: string, content: unknown[]) => LanguageModelToolResultPart;
  LanguageModelDataPart?: new (data: Uint8Array, mimeType: string) => LanguageModelDataPart;
}
