// The output channel as features see it: every line passes the one redaction policy first.
import type * as vscode from 'vscode';
import { redactLog } from '../core/redact';

const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function clean(arg: unknown, secrets: string[]): unknown {
  if (typeof arg === 'string') return redactLog(arg, secrets);
  if (arg instanceof Error) return redactLog(arg.stack ?? arg.message, secrets);
  return arg;
}

/** `channel` with each written string (and Error) redacted; everything else passes through. */
export function redactingChannel(channel: vscode.LogOutputChannel, secrets: () => string[]): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !WRITERS.has(prop) || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        const s = secrets();
        return (value as (...a: unknown[]) => unknown).apply(target, args.map((a) => clean(a, s)));
      };
    },
  });
}
