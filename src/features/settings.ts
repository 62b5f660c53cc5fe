import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, RESTRICTED_SETTINGS, SETTING_KEYS, effectiveSetting, originOf, type RelaySettings, type SettingSource } from '../core/config';

export const SECTION = 'relayAssistant';

/**
 * Reads every `relayAssistant.*` setting with its declared type; falls back to the default on a wrong type.
 * Settings that choose where requests go or what they carry are read with inspect(): in Restricted
 * Mode their workspace values do not apply (a cloned repository cannot redirect the user's traffic).
 */
export function readSettings(): RelaySettings {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const fallback = DEFAULT_SETTINGS[key];
    const value = RESTRICTED_SETTINGS.includes(key) ? effectiveSetting(key, cfg.inspect(key), trusted).value : cfg.get(key);
    out[key] = sameShape(value, fallback) ? value : fallback;
  }
  return out as unknown as RelaySettings;
}

export interface RelayInfo {
  baseUrl: string;
  /** Scheme, host and port: what a stored key belongs to. */
  origin: string;
  /** Where the baseUrl in use comes from. */
  source: SettingSource;
  /** A workspace value for baseUrl that Restricted Mode ignores (undefined when none). */
  ignoredWorkspaceUrl?: string;
}

/** Which relay requests go to and where that setting comes from (status bar, chat welcome card). */
export function relayInfo(): RelayInfo {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('baseUrl');
  const trusted = vscode.workspace.isTrusted;
  const { value, source } = effectiveSetting('baseUrl', inspected, trusted);
  const valid = typeof value === 'string' && value.trim() !== '';
  const baseUrl = valid ? value : DEFAULT_SETTINGS.baseUrl;
  const workspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  const ignored = !trusted && typeof workspace === 'string' && workspace !== baseUrl ? workspace : undefined;
  return { baseUrl, origin: originOf(baseUrl), source: valid ? source : 'default', ignoredWorkspaceUrl: ignored };
}

/** The origin of the user-level baseUrl (or the default): where a key stored before keys were per relay belongs. */
export function userRelayOrigin(): string {
  const global = vscode.workspace.getConfiguration(SECTION).inspect<string>('baseUrl')?.globalValue;
  return originOf(typeof global === 'string' && global.trim() ? global : DEFAULT_SETTINGS.baseUrl);
}

function sameShape(value: unknown, fallback: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(fallback)) return Array.isArray(value);
  if (typeof fallback === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === typeof fallback;
}

/** VS Code's own proxy settings, passed to the relay client (env HTTPS_PROXY etc. apply when unset). */
export function readProxy(): { url?: string; strictSSL?: boolean } {
  const http = vscode.workspace.getConfiguration('http');
  const url = http.get<string>('proxy')?.trim();
  return { url: url || undefined, strictSSL: http.get<boolean>('proxyStrictSSL', true) };
}

export function affectsRelay(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION) || e.affectsConfiguration('http.proxy') || e.affectsConfiguration('http.proxyStrictSSL');
}
