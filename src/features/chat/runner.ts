// Runs one streaming answer: relay call, coalesced deltas, retry countdowns, the final state.
// vscode-free on purpose (only FeatureContext types), so the integration test and the host share it.
import type { ChatMessage, ChatResult, ReasoningEffort } from '../../core/relay/types';
import { isRelayError } from '../../core/relay/errors';
import { estimateTokens } from '../../core/relay/models';
import { DeltaCoalescer, errorViewFor, type StoredMessage } from '../../core/chat/index';
import { redact } from '../../core/relay/classify';
import type { HostToWebview, MessageMeta } from '../../protocol';
import type { FeatureContext } from '../context';

export interface RunInput {
  answer: StoredMessage;
  model: string;
  messages: ChatMessage[];
  signal: AbortSignal;
  /** Sent only when set (else the model's setting applies). */
  reasoningEffort?: ReasoningEffort;
}

type Post = (m: HostToWebview) => void;

function metaOf(res: ChatResult, messages: ChatMessage[]): MessageMeta {
  const promptText = messages.map((m) => m.content).join('\n');
  return {
    model: res.model,
    promptTokens: res.usage?.promptTokens ?? estimateTokens(promptText),
    completionTokens: res.usage?.completionTokens ?? estimateTokens(res.text),
    tokensEstimated: !res.usage,
    cachedPromptTokens: res.usage?.cachedPromptTokens ?? 0,
    cacheWriteTokens: res.usage?.cacheWriteTokens ?? 0,
    reasoningTokens: res.usage?.reasoningTokens ?? 0,
    costUsd: res.costUsd,
    costEstimated: res.costEstimated,
    ttftMs: res.ttftMs,
    durationMs: res.durationMs,
  };
}

/** A stopped or cut answer was still billed for its prompt and what was generated: the client estimates it. */
function partialMeta(model: string, messages: ChatMessage[], text: string, costUsd: number | null): MessageMeta {
  const promptText = messages.map((m) => m.content).join('\n');
  return { model, promptTokens: estimateTokens(promptText), completionTokens: estimateTokens(text), tokensEstimated: true, costUsd, costEstimated: true, ttftMs: null, durationMs: null };
}

/** Streams the answer into `input.answer` (text, state, meta, error) and tells the view. Never throws. */
export async function runAnswer(ctx: FeatureContext, post: Post, input: RunInput): Promise<void> {
  const { answer } = input;
  const coalescer = new DeltaCoalescer((text, offset) => post({ type: 'delta', id: answer.id, offset, text }));
  try {
    const client = await ctx.relay();
    input.signal.throwIfAborted();
    const res = await client.chat({
      model: input.model,
      messages: input.messages,
      stream: true,
      signal: input.signal,
      ...(input.reasoningEffort ? { reasoningEffort: input.reasoningEffort } : {}),
      onDelta: (d) => {
        if (!d.content) return;
        answer.text += d.content;
        coalescer.push(d.content);
      },
      onRetry: (info) =>
        post({ type: 'retrying', id: answer.id, attempt: info.attempt, retryAt: Date.now() + info.delayMs, kind: info.error.kind }),
    });
    coalescer.flush();
    answer.text = res.text || answer.text;
    answer.state = 'done';
    answer.meta = metaOf(res, input.messages);
    ctx.addCost(res.costUsd, res.model);
  } catch (e) {
    coalescer.flush();
    await settleFailure(ctx, input, e);
  } finally {
    coalescer.dispose();
    post({ type: 'messageFinished', id: answer.id, state: answer.state, text: answer.text, meta: answer.meta, error: answer.error });
  }
}

async function settleFailure(ctx: FeatureContext, input: RunInput, e: unknown): Promise<void> {
  const { answer } = input;
  const relayError = isRelayError(e) ? e : null;
  if (relayError && relayError.partialText.length > answer.text.length) answer.text = relayError.partialText;
  const model = relayError?.model || input.model;
  answer.meta = answer.text ? partialMeta(model, input.messages, answer.text, relayError?.costUsd ?? null) : null;
  if (answer.meta) ctx.addCost(answer.meta.costUsd, model);
  if (input.signal.aborted || relayError?.kind === 'cancelled') {
    answer.state = 'stopped';
    return;
  }
  const key = await ctx.apiKey().catch(() => undefined);
  const message = redact(e instanceof Error ? e.message : String(e), key ? [key] : []);
  ctx.output.error(`chat: [${relayError?.kind ?? 'error'}${relayError?.status ? ` ${relayError.status}` : ''}] ${message}`);
  answer.state = 'error';
  answer.error = errorViewFor({ kind: relayError?.kind ?? 'unknown', message, code: relayError?.code, retryAfterMs: relayError?.retryAfterMs }, Date.now());
}
