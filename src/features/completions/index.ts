// Inline completions (ghost text): the provider, its status bar item, the menu and the toggle.
import * as vscode from 'vscode';
import { CompletionEngine } from '../../core/complete/engine';
import { languageEnabled } from '../../core/complete/languages';
import { estimateTokens, priceOf } from '../../core/relay/models';
import type { Feature, FeatureContext } from '../context';
import { relayInfo } from '../settings';
import { formatUsd, type CostMeter } from '../../core/complete/costMeter';
import { CostNotice } from './costNotice';
import { Gate } from './gate';
import { showMenu, setEnabled } from './menu';
import { RelayInlineProvider } from './provider';
import { SnippetSources } from './sources';
import { CompletionStatus, MENU_COMMAND, type CompletionState } from './status';

export const TOGGLE_COMMAND = 'relayAssistant.toggleCompletions';
/** Test-only (dev builds): the provider's counters and the pipeline's. */
export const COMPLETIONS_TEST_STATE_COMMAND = 'relayAssistant.internal.completionsTestState';

/** The completion model: the setting, else the chat model. */
export function completionModel(ctx: FeatureContext): string {
  const s = ctx.settings();
  return s['completions.model'].trim() || s.model;
}

export const completionsFeature: Feature = (ctx: FeatureContext) => {
  const gate = new Gate();
  const told = new Set<string>();
  const sources = new SnippetSources(gate);
  const status = new CompletionStatus();
  const notice = new CostNotice(ctx.extension.globalState, () => void setEnabled(false));
  const engine = new CompletionEngine({
    client: () => ctx.relay(),
    settings: () => {
      const s = ctx.settings();
      return { model: completionModel(ctx), api: s['completions.api'], maxTokens: s['completions.maxTokens'], debounceMs: s['completions.debounceMs'] };
    },
    origin: () => relayInfo().origin,
    rules: ctx.extension.globalState,
    onCost: (usd, model) => {
      ctx.addCost(usd, model);
      notice.meter.add(usd);
      notice.afterCost(relayInfo().origin);
      render();
    },
    onError: (e) => {
      ctx.output.warn(`Inline completion failed: ${(e as Error)?.message ?? String(e)}`);
      // Once per kind the user must act on (a key, a model the relay does not know): the fix button.
      const kind = (e as { kind?: string } | null)?.kind ?? '';
      if ((kind === 'auth' || kind === 'not_found') && !told.has(kind)) {
        told.add(kind);
        ctx.showError(e);
      }
    },
    beforeRequest: async () => {
      const model = completionModel(ctx);
      const price = priceOf(model, ctx.settings().models);
      notice.beforeRequest(relayInfo().origin, model, price && (estimateTokens('x'.repeat(6000)) * price.input + 30 * price.output) / 1e6);
      return true;
    },
  });
  const provider = new RelayInlineProvider(engine, gate, sources, ctx.settings);
  let snoozeTimer: NodeJS.Timeout | undefined;
  const state = (): CompletionState => {
    if (!ctx.settings()['completions.enabled']) return { kind: 'off', why: 'disabled in settings' };
    if (gate.snoozedUntil > Date.now()) return { kind: 'snoozed', until: gate.snoozedUntil };
    const lang = vscode.window.activeTextEditor?.document.languageId;
    if (lang && !languageEnabled(ctx.settings()['completions.languages'], lang)) return { kind: 'off', why: `off for ${lang}` };
    return { kind: 'on' };
  };
  const render = () => status.render(state(), completionModel(ctx), costLine(notice.meter));
  const snooze = (minutes: number) => {
    gate.snoozedUntil = Date.now() + minutes * 60_000;
    clearTimeout(snoozeTimer);
    snoozeTimer = setTimeout(render, minutes * 60_000 + 50);
    render();
  };
  render();
  const testHooks: vscode.Disposable[] = [];
  if (__TEST_HOOKS__ && ctx.extension.extensionMode === vscode.ExtensionMode.Test) {
    testHooks.push(vscode.commands.registerCommand(COMPLETIONS_TEST_STATE_COMMAND, () => ({ ...provider.stats, refused: { ...provider.stats.refused }, requests: engine.requests, served: { ...engine.latency.served } })));
  }
  return vscode.Disposable.from(
    ...testHooks,
    { dispose: () => (clearTimeout(snoozeTimer), engine.dispose()) },
    sources,
    status,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.workspace.onDidChangeTextDocument(() => notice.meter.keystroke(Date.now())),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('relayAssistant') && render()),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.commands.registerCommand(TOGGLE_COMMAND, async () => {
      await setEnabled(!ctx.settings()['completions.enabled']);
      render();
    }),
    vscode.commands.registerCommand(MENU_COMMAND, () => showMenu(ctx, { snooze, state, render, model: () => completionModel(ctx) })),
  );
};

/** The tooltip's cost line: requests and cost in this window, and per hour of typing once measured. */
function costLine(meter: CostMeter): string {
  if (!meter.requests) return '';
  const perHour = meter.perHour();
  const unknown = meter.unknownRequests ? ` (${meter.unknownRequests} without a known price)` : '';
  return `\n\nThis window: ${meter.requests} request(s), ${formatUsd(meter.totalUsd)}${unknown}${perHour === null ? '' : `, about ${formatUsd(perHour)} per hour of typing`}.`;
}
