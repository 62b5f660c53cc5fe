// The reasoning effort chosen in the chat, per model. Kept in the chat's own state (never written to
// settings): `relayAssistant.models[id].reasoningEffort` stays the default for every feature, and a
// choice here applies to this chat's requests to that model only.
import type { KeyValueStore } from '../../core/chat/index';
import { effortLevelsOf } from '../../core/models/effort';
import { overrideOf, type ModelOverrides } from '../../core/models/ids';
import type { ReasoningEffort } from '../../core/relay/types';
import type { EffortView } from '../../protocol';

export const EFFORT_KEY = 'relayAssistant.chat.reasoningEffort';

export class EffortChoices {
  constructor(private readonly state: KeyValueStore) {}

  private all(): Record<string, ReasoningEffort> {
    return this.state.get<Record<string, ReasoningEffort>>(EFFORT_KEY) ?? {};
  }

  /** The picker for `model`: null when it takes no effort. A stored level the model no longer accepts is not shown. */
  view(model: string, overrides: ModelOverrides): EffortView | null {
    const levels = effortLevelsOf(model, overrides);
    if (!levels.length) return null;
    const chosen = this.all()[model];
    return { levels, selected: chosen && levels.includes(chosen) ? chosen : null, settingsDefault: overrideOf(model, overrides)?.reasoningEffort ?? null };
  }

  /** The effort to send with a request to `model`; undefined leaves it to the settings (or the relay's default). */
  forRequest(model: string, overrides: ModelOverrides): ReasoningEffort | undefined {
    return this.view(model, overrides)?.selected ?? undefined;
  }

  async set(model: string, effort: ReasoningEffort | null): Promise<void> {
    const next = { ...this.all() };
    if (effort) next[model] = effort;
    else delete next[model];
    await this.state.update(EFFORT_KEY, next);
  }
}
