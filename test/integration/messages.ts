// What the extension shows: every message (kind, text, buttons) and every progress it opens,
// recorded by replacing vscode.window's functions. The extension and the suites share one
// `vscode` API object (same extension), so the extension calls these recorders.
import * as vscode from 'vscode';

export interface Shown {
  kind: 'information' | 'warning' | 'error';
  message: string;
  buttons: string[];
}

type Show = (message: string, ...rest: unknown[]) => Thenable<unknown>;
const KINDS = { information: 'showInformationMessage', warning: 'showWarningMessage', error: 'showErrorMessage' } as const;

/**
 * Records every message with its buttons. `answer` picks the button the "user" clicks (default:
 * none, the message is dismissed).
 */
export function recordMessages(answer: (shown: Shown) => string | undefined = () => undefined): { shown: Shown[]; restore(): void } {
  const shown: Shown[] = [];
  const window = vscode.window as unknown as Record<string, Show>;
  const originals = Object.values(KINDS).map((name) => [name, window[name]] as const);
  for (const [kind, name] of Object.entries(KINDS) as [Shown['kind'], string][]) {
    window[name] = (message: string, ...rest: unknown[]) => {
      const buttons = rest.flatMap((r) => (typeof r === 'string' ? [r] : r && typeof r === 'object' && 'title' in r ? [String((r as { title: unknown }).title)] : []));
      const entry = { kind, message, buttons };
      shown.push(entry);
      return Promise.resolve(answer(entry));
    };
  }
  return {
    shown,
    restore: () => {
      for (const [name, fn] of originals) window[name] = fn;
    },
  };
}

export interface ProgressShown {
  location: vscode.ProgressOptions['location'];
  title?: string;
  cancellable?: boolean;
  /** Every report, in order. */
  reports: { message?: string; increment?: number }[];
  /** true once the task finished. */
  done: boolean;
}

type WithProgress = typeof vscode.window.withProgress;

/**
 * Records every progress (location, reports) and runs the task under the real one; `onReport`
 * may cancel it through `cancel()` as the user's Cancel button would.
 */
export function recordProgress(onReport?: (p: ProgressShown, cancel: () => void) => void): { shown: ProgressShown[]; restore(): void } {
  const shown: ProgressShown[] = [];
  const window = vscode.window as unknown as { withProgress: WithProgress };
  const original = window.withProgress;
  window.withProgress = ((options: vscode.ProgressOptions, task: Parameters<WithProgress>[1]) => {
    const entry: ProgressShown = { location: options.location, title: options.title, cancellable: options.cancellable, reports: [], done: false };
    shown.push(entry);
    const source = new vscode.CancellationTokenSource();
    return original(options, async (progress, token) => {
      const sub = token.onCancellationRequested(() => source.cancel());
      try {
        return await task({
          report: (value) => {
            entry.reports.push(value);
            progress.report(value);
            onReport?.(entry, () => source.cancel());
          },
        }, source.token);
      } finally {
        entry.done = true;
        sub.dispose();
        source.dispose();
      }
    });
  }) as WithProgress;
  return {
    shown,
    restore: () => {
      window.withProgress = original;
    },
  };
}

/** Waits until `condition()` holds (checked every 20 ms), failing with `what` after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
