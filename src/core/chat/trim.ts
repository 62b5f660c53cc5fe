// History trimming to a token budget: oldest turns go first; the system prompt and the new
// question always stay (even when they alone exceed the budget: the relay then says so).
import type { ChatMessage } from '../relay/types';

/** Tokens a message costs beyond its text (role, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export interface TrimInput {
  system: ChatMessage | null;
  history: ChatMessage[];
  question: ChatMessage;
  budgetTokens: number;
  estimate: (text: string) => number;
}

export interface TrimResult {
  messages: ChatMessage[];
  /** History messages left out. */
  dropped: number;
  /** Estimated prompt tokens of `messages`. */
  tokens: number;
  /** true when even the system prompt and the question exceed the budget. */
  overBudget: boolean;
}

/** Splits history into turns: each starts at a user message (leading answers form their own turn). */
function turnStarts(history: ChatMessage[]): number[] {
  const starts: number[] = [];
  history.forEach((m, i) => {
    if (i === 0 || m.role === 'user') starts.push(i);
  });
  return starts;
}

export function trimHistory(input: TrimInput): TrimResult {
  const cost = (m: ChatMessage) => input.estimate(m.content) + MESSAGE_OVERHEAD_TOKENS;
  const fixed = (input.system ? cost(input.system) : 0) + cost(input.question);
  const sizes = input.history.map(cost);
  let historyTokens = sizes.reduce((a, b) => a + b, 0);
  let first = 0;
  const starts = turnStarts(input.history);
  for (let t = 0; fixed + historyTokens > input.budgetTokens && t < starts.length; t++) {
    const end = t + 1 < starts.length ? starts[t + 1] : input.history.length;
    for (let i = starts[t]; i < end; i++) historyTokens -= sizes[i];
    first = end;
  }
  const kept = input.history.slice(first);
  const messages = [...(input.system ? [input.system] : []), ...kept, input.question];
  return { messages, dropped: first, tokens: fixed + historyTokens, overBudget: fixed > input.budgetTokens };
}

/** Prompt budget for a context window: the window minus room for the answer. */
export function promptBudget(contextWindow: number): number {
  const answerRoom = Math.min(8_192, Math.floor(contextWindow / 4));
  return Math.max(256, contextWindow - answerRoom);
}
