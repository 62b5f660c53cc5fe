// The inline completion pipeline's public surface (vscode-free).
export { CompletionEngine, type EngineDeps, type EngineSettings, type ProvideInput, type Suggestion } from './engine';
export type { ApiSetting, Backend } from './backend';
export type { DocumentView, Snippet } from './context';
export type { SnippetSource } from './snippets';
export { midLineAllowed, positionOf } from './shape';
