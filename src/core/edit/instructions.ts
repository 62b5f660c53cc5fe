// Refactor instructions offered in the picker: the user's recent ones first, then presets.

export const PRESET_INSTRUCTIONS = ['Simplify', 'Add error handling', 'Add types / JSDoc', 'Optimize', 'Fix the bug'] as const;

export const MAX_RECENT_INSTRUCTIONS = 8;

/** Stored recent instructions, tolerating anything else in storage. */
export function parseRecent(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, MAX_RECENT_INSTRUCTIONS) : [];
}

/** `instruction` moved to the front of the recent list (no duplicates, bounded). */
export function withRecent(recent: readonly string[], instruction: string): string[] {
  const text = instruction.trim();
  return [text, ...recent.filter((s) => s !== text)].slice(0, MAX_RECENT_INSTRUCTIONS);
}

export interface InstructionChoice {
  label: string;
  kind: 'recent' | 'preset';
}

/** Recent instructions, then the presets not already among them. */
export function instructionChoices(recent: readonly string[]): InstructionChoice[] {
  return [
    ...recent.map((label): InstructionChoice => ({ label, kind: 'recent' })),
    ...PRESET_INSTRUCTIONS.filter((p) => !recent.includes(p)).map((label): InstructionChoice => ({ label, kind: 'preset' })),
  ];
}
