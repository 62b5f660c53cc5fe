// What the chat says in Restricted Mode: which of the workspace's own settings and instruction
// files are being ignored until the user trusts it (and where Choose Relay saves meanwhile).

export interface RestrictedFacts {
  /** Restricted settings the workspace sets (keys without the `relayAssistant.` prefix). */
  ignoredSettings: string[];
  /** The workspace's baseUrl, when it sets one. */
  baseUrl?: string;
  /** Instruction files present in the workspace (AGENTS.md, …). */
  instructionFiles: string[];
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** One notice, or null when the workspace sets nothing that Restricted Mode ignores. */
export function restrictedNotice(f: RestrictedFacts): string | null {
  const settings = f.ignoredSettings.map((k) => (k === 'baseUrl' && f.baseUrl ? `baseUrl (${f.baseUrl})` : k));
  const parts: string[] = [];
  if (settings.length) parts.push(`its ${settings.length === 1 ? 'setting' : 'settings'} ${list(settings)} ${settings.length === 1 ? 'is' : 'are'} ignored`);
  if (f.instructionFiles.length) parts.push(`${list(f.instructionFiles)} ${f.instructionFiles.length === 1 ? 'is' : 'are'} not given to the model`);
  if (!parts.length) return null;
  const relay = f.ignoredSettings.includes('baseUrl') ? ' Requests go to the relay in your user settings, and Choose Relay changes those.' : '';
  return `Restricted Mode: until you trust this workspace, ${parts.join(', and ')}.${relay}`;
}
