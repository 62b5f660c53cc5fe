// The "Choose relay" quick pick: the presets at once, local servers marked "running" as soon as
// the detection (loopback, short timeouts, in parallel) answers, and a custom URL.
import * as vscode from 'vscode';
import { originOf } from '../../core/config';
import { detectLocalServers, type LocalServer } from '../../core/setup/detect';
import { RELAY_PRESETS, baseUrlProblem, normalizeBaseUrl, type RelayPreset } from '../../core/setup/presets';

export interface RelayChoice {
  baseUrl: string;
  preset?: RelayPreset;
}

interface Item extends vscode.QuickPickItem {
  choice?: RelayChoice;
  custom?: boolean;
}

export interface PickerState {
  current: string;
  /** Where the choice is saved, for the title ("your user settings", "this workspace's settings"). */
  scopeWords: string;
  /** Origins that have a stored key. */
  keyed: string[];
}

const CUSTOM = 'Custom URL…';

function presetItem(p: RelayPreset, s: PickerState, server: LocalServer | undefined, detecting: boolean): Item {
  const baseUrl = server?.baseUrl ?? p.baseUrl;
  const current = originOf(s.current) === originOf(baseUrl) || originOf(s.current) === originOf(p.baseUrl);
  const status = p.port === undefined
    ? (s.keyed.includes(originOf(p.baseUrl)) ? 'key stored' : 'needs an API key')
    : server
      ? `running · ${server.models.length} model${server.models.length === 1 ? '' : 's'}`
      : detecting ? 'checking…' : `not running on port ${p.port}`;
  return {
    label: `${server ? '$(pass-filled) ' : ''}${p.label}`,
    description: [status, current ? 'current' : ''].filter(Boolean).join(' · '),
    detail: baseUrl,
    choice: { baseUrl, preset: p },
  };
}

function items(s: PickerState, found: Map<number, LocalServer>, detecting: boolean): Item[] {
  const hosted = RELAY_PRESETS.filter((p) => p.port === undefined);
  const local = RELAY_PRESETS.filter((p) => p.port !== undefined);
  // running servers first among the local ones
  local.sort((a, b) => Number(found.has(b.port!)) - Number(found.has(a.port!)));
  const known = RELAY_PRESETS.some((p) => originOf(p.baseUrl) === originOf(s.current)) || [...found.values()].some((f) => originOf(f.baseUrl) === originOf(s.current));
  return [
    { label: 'Hosted relays', kind: vscode.QuickPickItemKind.Separator },
    ...hosted.map((p) => presetItem(p, s, undefined, detecting)),
    { label: 'On this machine', kind: vscode.QuickPickItemKind.Separator },
    ...local.map((p) => presetItem(p, s, found.get(p.port!), detecting)),
    { label: 'Other', kind: vscode.QuickPickItemKind.Separator },
    ...(known ? [] : [{ label: '$(server) Current relay', description: 'current', detail: s.current, choice: { baseUrl: s.current } }]),
    { label: `$(edit) ${CUSTOM}`, description: 'any OpenAI-compatible base URL', custom: true },
  ];
}

/** Shows the picker; resolves with the relay chosen (a custom URL asked for), or undefined. */
export async function pickRelay(s: PickerState): Promise<RelayChoice | undefined> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Choose Relay (saved in ${s.scopeWords})`;
  pick.placeholder = 'A relay or a local server; local servers already running are marked';
  pick.matchOnDetail = true;
  // a step of a flow (relay, key, test): a click elsewhere does not throw the choice away
  pick.ignoreFocusOut = true;
  pick.items = items(s, new Map(), true);
  pick.busy = true;
  const ports = RELAY_PRESETS.flatMap((p) => (p.port !== undefined ? [p.port] : []));
  void detectLocalServers(ports).then((found) => {
    const active = pick.activeItems[0]?.label;
    pick.items = items(s, found, false);
    pick.activeItems = pick.items.filter((i) => i.label === active);
    pick.busy = false;
  });
  const picked = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!picked) return undefined;
  if (!picked.custom) return picked.choice;
  const typed = await vscode.window.showInputBox({
    title: 'Relay Assistant: Custom Relay',
    prompt: 'Base URL of an OpenAI-compatible API (the part before /chat/completions)',
    placeHolder: 'https://relay.example.com/v1',
    value: s.current,
    ignoreFocusOut: true,
    validateInput: (v) => baseUrlProblem(v),
  });
  return typed && !baseUrlProblem(typed) ? { baseUrl: normalizeBaseUrl(typed) } : undefined;
}
