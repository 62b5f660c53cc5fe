// The model's tool calls -> what VS Code gets (parsed JSON input), and the reasoning that came
// with them, kept for the turn that sends their results back (DeepSeek requires it there).
import type { ToolCall } from '../relay/types';
import type { LmToolCall } from './parts';

/** A tool call whose arguments are not a JSON object: the answer cannot be used as is. */
export class ToolCallArgumentsError extends Error {
  constructor(readonly toolName: string, detail: string) {
    super(`The model called the tool "${toolName}" with arguments that are not a JSON object (${detail}).`);
    this.name = 'ToolCallArgumentsError';
  }
}

/** Parses each call's arguments ("" is no arguments); throws ToolCallArgumentsError on the first that is not a JSON object. */
export function parseToolCalls(calls: readonly ToolCall[]): LmToolCall[] {
  return calls.map((call, i) => {
    const name = call.name || 'unnamed';
    const text = call.arguments.trim();
    let input: unknown = {};
    if (text) {
      try {
        input = JSON.parse(text);
      } catch (e) {
        throw new ToolCallArgumentsError(name, e instanceof Error ? e.message : 'invalid JSON');
      }
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ToolCallArgumentsError(name, `got ${Array.isArray(input) ? 'an array' : typeof input}`);
    return { callId: call.id || `call_${i}_${Date.now().toString(36)}`, name, input };
  });
}

/** Reasoning by tool call id, for the next requests of the same conversation (bounded: oldest forgotten first). */
export class ReasoningMemory {
  private readonly byCall = new Map<string, string>();

  constructor(private readonly limit = 512) {}

  remember(callIds: readonly string[], reasoning: string): void {
    for (const id of callIds) {
      this.byCall.delete(id);
      this.byCall.set(id, reasoning);
    }
    while (this.byCall.size > this.limit) this.byCall.delete(this.byCall.keys().next().value as string);
  }

  get(callId: string): string | undefined {
    return this.byCall.get(callId);
  }
}
