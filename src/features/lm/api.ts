// Is VS Code's language model provider API here (1.104+)? The runtime classes, or undefined.
import * as vscode from 'vscode';
import type { LmRuntime } from './lmApi';

type Loose = Record<string, unknown>;

export function lmRuntime(): LmRuntime | undefined {
  const api = vscode as unknown as Loose;
  const lm = api.lm as Loose | undefined;
  const register = lm?.registerLanguageModelChatProvider;
  const required = ['LanguageModelTextPart', 'LanguageModelToolCallPart', 'LanguageModelToolResultPart'];
  if (typeof register !== 'function' || required.some((name) => typeof api[name] !== 'function')) return undefined;
  return {
    registerLanguageModelChatProvider: (vendor, provider) => register.call(lm, vendor, provider) as vscode.Disposable,
    LanguageModelTextPart: api.LanguageModelTextPart as LmRuntime['LanguageModelTextPart'],
    LanguageModelToolCallPart: api.LanguageModelToolCallPart as LmRuntime['LanguageModelToolCallPart'],
    LanguageModelToolResultPart: api.LanguageModelToolResultPart as LmRuntime['LanguageModelToolResultPart'],
    LanguageModelDataPart: typeof api.LanguageModelDataPart === 'function' ? (api.LanguageModelDataPart as LmRuntime['LanguageModelDataPart']) : undefined,
  };
}
