// The one boundary every request of the extension passes on its way to the relay (a wrapper
// around the relay client): secrets in the text are masked, and put back in the answer before
// it reaches the chat or a file; a streaming (chat, Explain, Refactor) request estimated above
// relayAssistant.chat.confirmAboveUsd asks first. vscode-free: the glue passes the dialogs in.
import type { RelaySettings } from './config';
import { RelayError, isRelayError } from './relay/errors';
import { estimateTokens, priceOf, resolveModel } from './relay/models';
import type { ChatRequest, ChatResult, CompletionRequest, CompletionResult, Delta, RelayClient } from './relay/types';
import { SecretMasker } from './secrets/mask';
import { mapJsonStrings, maskMessages, type MaskedInRequest } from './secrets/messages';

export interface GuardHooks {
  settings(): RelaySettings;
  /** Called once per request that masked something (the caller tells the user). */
  onMasked(masked: MaskedInRequest[]): void;
  /** Asks whether to send a request estimated at `usd`; resolves true to send. */
  confirmCost(text: string): Promise<boolean>;
}

/** Estimated prompt cost of a request (the answer comes on top); null when the model has no known price. */
export function promptCost(req: ChatRequest, s: RelaySettings): { tokens: number; usd: number | null } {
  const tokens = estimateTokens(req.messages.map((m) => m.content).join('\n'));
  const price = priceOf(req.model, s.models);
  return { tokens, usd: price ? (tokens * price.input) / 1_000_000 : null };
}

export function costQuestion(req: ChatRequest, tokens: number, usd: number, limit: number): string {
  return `Relay Assistant: this request sends about ${tokens.toLocaleString('en-US')} tokens to ${resolveModel(req.model)}, an estimated $${usd.toFixed(2)} before the answer (you are asked above $${limit.toFixed(2)}, setting relayAssistant.chat.confirmAboveUsd). Send it?`;
}

function declined(): RelayError {
  return new RelayError({ kind: 'cancelled', status: null, retryable: false, retryAfterMs: null, code: null, message: 'Not sent: the estimated cost is above relayAssistant.chat.confirmAboveUsd.' });
}

/** `inner` with masking and the cost guard in front of chat(). Streaming requests are the interactive ones (review has its own guard). */
export function guardClient(inner: RelayClient, hooks: GuardHooks): RelayClient {
  return {
    listModels: (signal) => inner.listModels(signal),
    close: () => inner.close(),
    chat: (req) => guardedChat(inner, hooks, req),
    complete: (req) => guardedComplete(inner, hooks, req),
  };
}

async function guardedChat(inner: RelayClient, hooks: GuardHooks, req: ChatRequest): Promise<ChatResult> {
  const masker = new SecretMasker();
  const { messages, masked } = maskMessages(req.messages, masker);
  if (req.stream) {
    const s = hooks.settings();
    const { tokens, usd } = promptCost(req, s);
    const limit = s['chat.confirmAboveUsd'];
    if (usd !== null && usd > limit && !(await hooks.confirmCost(costQuestion(req, tokens, usd, limit)))) throw declined();
  }
  if (masked.length) hooks.onMasked(masked);
  if (!masker.count) return inner.chat({ ...req, messages });
  const stream = masker.restoreStream();
  const onDelta = req.onDelta;
  const flush = () => {
    const rest = stream.flush();
    if (rest) onDelta?.({ content: rest });
  };
  try {
    const res = await inner.chat({
      ...req,
      messages,
      onDelta: onDelta && ((d: Delta) => onDelta({ ...d, content: d.content === undefined ? undefined : stream.push(d.content), reasoning: d.reasoning && masker.restore(d.reasoning) })),
    });
    flush();
    const toolCalls = res.toolCalls.map((c) => ({ ...c, arguments: mapJsonStrings(c.arguments, (v) => masker.restore(v)) }));
    return { ...res, text: masker.restore(res.text), reasoning: res.reasoning === null ? null : masker.restore(res.reasoning), toolCalls };
  } catch (e) {
    flush();
    if (isRelayError(e)) e.partialText = masker.restore(e.partialText);
    throw e;
  }
}


/** Inline completions: secrets in the prefix, suffix and snippets are masked; the answer gets them back. */
async function guardedComplete(inner: RelayClient, hooks: GuardHooks, req: CompletionRequest): Promise<CompletionResult> {
  const masker = new SecretMasker();
  const masked: MaskedInRequest[] = [];
  const mask = (text: string, where: string) => {
    const out = masker.mask(text);
    for (const f of out.findings) masked.push({ label: f.label, where });
    return out.text;
  };
  const sent: CompletionRequest = {
    ...req,
    prompt: mask(req.prompt, 'the code before the cursor'),
    suffix: req.suffix === undefined ? undefined : mask(req.suffix, 'the code after the cursor'),
    extra: req.extra?.map((e) => ({ filename: e.filename, text: mask(e.text, e.filename) })),
  };
  if (masked.length) hooks.onMasked(masked);
  if (!masker.count) return inner.complete(req);
  const stream = masker.restoreStream();
  const onDelta = req.onDelta;
  const res = await inner.complete({ ...sent, onDelta: onDelta && ((t: string) => onDelta(stream.push(t))) });
  return { ...res, text: masker.restore(res.text) };
}
