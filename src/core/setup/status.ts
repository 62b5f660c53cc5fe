// The status bar item's words: the tooltip (Markdown, with command links) and the accessible label
// (plain text: a screen reader reads no Markdown). A key is said to be sent only where one is stored.

export type KeyState = 'stored' | 'none' | 'notNeeded';

export interface StatusFacts {
  model: string;
  /** The session cost as the status bar shows it ("$0.0123", "$0.0000+"). */
  cost: string;
  requests: number;
  unknownPrices: number;
  baseUrl: string;
  origin: string;
  source: 'user' | 'workspace' | 'default';
  /** A workspace baseUrl Restricted Mode ignores. */
  ignoredWorkspaceUrl?: string;
  key: KeyState;
}

const SOURCE_WORDS: Record<StatusFacts['source'], string> = {
  user: 'from your user settings',
  workspace: 'from this workspace\'s settings',
  default: 'the default',
};

function keyWords(f: StatusFacts): string {
  if (f.key === 'stored') return `its API key is sent only to ${f.origin}`;
  if (f.key === 'notNeeded') return 'a server on this machine: no API key is sent';
  return `no API key is set for ${f.origin}`;
}

/** Markdown for the tooltip (the links run commands: the MarkdownString trusts only these). */
export function statusTooltip(f: StatusFacts): string {
  const ignored = f.ignoredWorkspaceUrl ? `\n\nRestricted Mode: this workspace's \`baseUrl\` (\`${f.ignoredWorkspaceUrl}\`) is ignored until you trust the workspace.` : '';
  const links = ['[Choose Model](command:relayAssistant.chooseModel)', '[Choose Relay](command:relayAssistant.chooseRelay)', ...(f.key === 'none' ? ['[Set API Key](command:relayAssistant.setApiKey)'] : [])];
  return (
    `**Relay Assistant**\n\nRelay: \`${f.baseUrl}\` (${SOURCE_WORDS[f.source]}); ${keyWords(f)}.${ignored}` +
    `\n\nModel: \`${f.model}\`\n\nCost since this window opened: ${f.cost} over ${f.requests} request(s)` +
    (f.unknownPrices ? `\n\n${f.unknownPrices} request(s) had no known price (add one under \`relayAssistant.models\`).` : '') +
    `\n\n${links.join(' · ')}`
  );
}

/** The accessible name: what the item shows and does, in plain words. */
export function statusLabel(f: StatusFacts): string {
  const relay = f.origin.replace(/^https?:\/\//, '');
  const key = f.key === 'none' ? ', no API key set' : '';
  const ignored = f.ignoredWorkspaceUrl ? ', the workspace relay is ignored in Restricted Mode' : '';
  return `Relay Assistant: model ${f.model}, ${f.cost} spent in this window, relay ${relay} (${SOURCE_WORDS[f.source]}${key}${ignored}). Activate to choose a model.`;
}
