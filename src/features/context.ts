import type * as vscode from 'vscode';
import type { ModelInfo, ModelOverride, RelayClient } from '../core/relay/types';
import type { RelaySettings } from '../core/config';

/** What every feature gets from the composition root. Features own what they create. */
export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  /** The one output channel ("Relay Assistant"), for details. The API key never goes here. */
  readonly output: vscode.LogOutputChannel;
  /** Current typed settings (re-read on every call; cheap). */
  settings(): RelaySettings;
  /** The shared relay client, created lazily on first use and rebuilt when settings or the key change. */
  relay(): Promise<RelayClient>;
  /** The API key from SecretStorage, or undefined. */
  apiKey(): Promise<string | undefined>;
  /** Adds a finished request's cost to the running total in the status bar (null = unknown). */
  addCost(usd: number | null, model: string): void;
  /** Shows the model the user is talking to (the chat's current conversation) in the status bar. */
  setStatusModel(model: string): void;
  /**
   * `relayAssistant.models` with the prices and context windows the relay publishes on /models filled in
   * where the user set none: what cost, estimates and context budgets use. Absent in test fakes: the settings.
   */
  modelOverrides?(): Record<string, ModelOverride>;
  /** The relay's model list was fetched: its published prices serve models the user has not priced. */
  setPublishedModels?(models: readonly ModelInfo[]): void;
  /** Shows a relay error in plain words with the button that fixes it (Set API Key, Choose Model, Retry, Open Output…). */
  showError(error: unknown, retry?: () => void): void;
}

/** The per-model data cost and limits are computed from (see FeatureContext.modelOverrides). */
export function modelOverridesOf(ctx: FeatureContext): Record<string, ModelOverride> {
  return ctx.modelOverrides?.() ?? ctx.settings().models;
}

/** A feature registers its commands, views and providers and returns one disposable for all of it. */
export type Feature = (ctx: FeatureContext) => vscode.Disposable;

/**
 * Commands features use to talk to each other without importing each other
 * (registered by the feature named, not declared in package.json).
 */
export const InternalCommands = {
  /** chat: reveal the chat and send a prompt. Arg: { prompt: string; display?: string; context?: ContextChip[] } */
  askInChat: 'relayAssistant.internal.askInChat',
  /** edit: review code as an inline diff against a range. Arg: { uri: string; range?: [startLine, startChar, endLine, endChar]; code: string } */
  applyCode: 'relayAssistant.internal.applyCode',
  /** edit: whether a Refactor review is pending in a document. Arg: uri string. Returns boolean. */
  editPending: 'relayAssistant.internal.editPending',
} as const;
