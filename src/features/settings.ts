import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTING_KEYS, type RelaySettings } from '../core/config';

export const SECTION = 'relayAssistant';

/** Reads every `relayAssistant.*` setting with its declared type; falls back to the default on a wrong type. */
export function readSettings(): RelaySettings {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const fallback = DEFAULT_SETTINGS[key];
    const value = cfg.get(key);
    out[key] = sameShape(value, fallback) ? value : fallback;
  }
  return out as unknown as RelaySettings;
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
