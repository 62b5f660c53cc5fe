// VS Code's language-model message parts in a vscode-free shape. The glue (src/features/lm)
// classifies each part with `instanceof` against VS Code's own classes; everything it does not
// know becomes `unknown` and is dropped here, never stringified into the prompt.

export type LmPart =
  | { kind: 'text'; value: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; content: LmPart[] }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  | { kind: 'unknown' };

export type LmRole = 'system' | 'user' | 'assistant';

export interface LmMessage {
  role: LmRole;
  parts: LmPart[];
}

/** A tool the caller offers (VS Code's LanguageModelChatTool). */
export interface LmTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/** A complete tool call the model made, as reported back to VS Code. */
export interface LmToolCall {
  callId: string;
  name: string;
  input: object;
}

/** MIME types whose bytes are text (LanguageModelDataPart.text / .json). */
export function isTextMime(mime: string): boolean {
  const m = mime.toLowerCase().split(';')[0].trim();
  return m.startsWith('text/') || m === 'application/json' || m.endsWith('+json');
}

export function isImageMime(mime: string): boolean {
  return /^image\/(png|jpe?g|gif|webp)$/i.test(mime.split(';')[0].trim());
}
