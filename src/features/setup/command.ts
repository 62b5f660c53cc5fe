// "Relay Assistant: Choose Relay": pick a preset, a running local server or a custom URL; give the
// key where one is needed (stored per relay origin); save the base URL (user settings unless the
// user says otherwise); test the connection and show what it found, or the one fix that applies.
import * as vscode from 'vscode';
import { clientOptions, originOf } from '../../core/config';
import { testConnection, type ConnectionReport } from '../../core/setup/connection';
import type { SetupFix } from '../../core/setup/diagnose';
import { isLoopback, presetFor, type RelayPreset } from '../../core/setup/presets';
import { reportSummary } from '../../core/setup/report';
import type { Services } from '../services';
import { readProxy, readSettings, relayInfo } from '../settings';
import { pickRelay } from './picker';
import { overriddenBy, save, saveScope, type SaveScope } from './scope';

export const CHOOSE_RELAY_COMMAND = 'relayAssistant.chooseRelay';
export const TEST_CONNECTION_COMMAND = 'relayAssistant.testConnection';

const FIX_LABELS: Record<Exclude<SetupFix, 'useSuggestedUrl'>, string> = {
  chooseRelay: 'Choose Relay',
  setApiKey: 'Set API Key',
  proxySettings: 'Proxy Settings',
  tlsSettings: 'Certificate Settings',
  chooseModel: 'Choose Model',
  retry: 'Retry',
  openOutput: 'Open Output',
};
const CHOOSE_MODEL = 'Choose Model';
const OPEN_OUTPUT = 'Open Output';

export function registerSetup(services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CHOOSE_RELAY_COMMAND, () => chooseRelay(services)),
    vscode.commands.registerCommand(TEST_CONNECTION_COMMAND, () => testCurrent(services)),
  );
}

/** "Test Connection": the relay in use, as it is set (a fix is saved where that setting lives, or in user settings). */
async function testCurrent(services: Services): Promise<void> {
  const info = relayInfo();
  const scope: SaveScope = info.source === 'workspace'
    ? { target: vscode.ConfigurationTarget.Workspace, words: 'this workspace\'s settings' }
    : { target: vscode.ConfigurationTarget.Global, words: 'your user settings' };
  await testAndReport(services, scope, info.baseUrl, presetFor(info.baseUrl));
}

/** The whole flow; true when a relay was saved. */
export async function chooseRelay(services: Services): Promise<boolean> {
  const scope = await saveScope();
  if (!scope) return false;
  await services.keys.ready;
  const choice = await pickRelay({ current: relayInfo().baseUrl, scopeWords: scope.words, keyed: services.keys.origins() });
  if (!choice) return false;
  const origin = originOf(choice.baseUrl);
  const needsKey = choice.preset ? choice.preset.needsKey : !isLoopback(choice.baseUrl);
  if (needsKey && !(await services.keys.get(origin))) await services.keys.promptAndStore(origin, choice.preset?.keyHint);
  await save(scope, 'baseUrl', choice.baseUrl);
  const note = overriddenBy(scope, choice.baseUrl);
  if (note) void vscode.window.showWarningMessage(`Relay Assistant: ${note}`);
  await testAndReport(services, scope, choice.baseUrl, choice.preset);
  return true;
}

async function runTest(services: Services, baseUrl: string, preset: RelayPreset | undefined): Promise<ConnectionReport | undefined> {
  const key = await services.keys.get(originOf(baseUrl));
  const settings = readSettings();
  const { createRelayClient } = await import('../../core/relay/index');
  const where = originOf(baseUrl).replace(/^https?:\/\//, '');
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Relay Assistant: testing the connection to ${where}…`, cancellable: true }, async (_p, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const report = await testConnection({
        baseUrl,
        hasKey: !!key,
        model: settings.model,
        startHint: preset?.startHint && preset.label ? `${preset.label} is not running: ${preset.startHint}` : undefined,
        signal: abort.signal,
        connect: (url) => createRelayClient(clientOptions({ ...settings, baseUrl: url, maxRetries: 0, fallbackModels: [] }, key, readProxy())),
      });
      return token.isCancellationRequested ? undefined : report;
    } finally {
      sub.dispose();
    }
  });
}

function log(services: Services, r: ConnectionReport): void {
  const out = services.output;
  out.info(`setup: ${r.baseUrl}: /models ${r.latencyMs !== null ? `answered in ${r.latencyMs} ms with ${r.models.length} model(s)` : 'not reached'}`);
  if (r.testedModel) out.info(`setup: completion with ${r.testedModel}: ${r.ok ? `streaming ${r.streaming ? 'OK' : 'not used'}, first token ${r.firstTokenMs ?? '?'} ms` : 'failed'}`);
  if (r.problem) out.warn(`setup: ${r.problem.error.kind}${r.problem.error.status ? ` ${r.problem.error.status}` : ''}: ${r.problem.error.message}`);
}

/** Tests `baseUrl` and shows the result with its buttons; a fix that changes something tests again. */
async function testAndReport(services: Services, scope: SaveScope, baseUrl: string, preset: RelayPreset | undefined): Promise<void> {
  const report = await runTest(services, baseUrl, preset);
  if (!report) return;
  log(services, report);
  if (report.costUsd !== null && report.costUsd > 0) services.context().addCost(report.costUsd, report.testedModel ?? '');
  const text = `Relay Assistant: ${reportSummary(report)}`;
  if (report.ok) {
    const buttons = report.models.length ? [CHOOSE_MODEL] : [];
    const picked = await (report.modelOffered ? vscode.window.showInformationMessage(text, ...buttons) : vscode.window.showWarningMessage(text, ...buttons));
    if (picked === CHOOSE_MODEL) await chooseModelFrom(scope, report.models);
    return;
  }
  const problem = report.problem!;
  const fixLabel = problem.fix === 'useSuggestedUrl' ? `Use ${problem.suggestedBaseUrl}` : FIX_LABELS[problem.fix];
  const buttons = [fixLabel, ...(problem.fix === 'chooseRelay' ? [] : ['Choose Relay']), ...(problem.fix === 'openOutput' ? [] : [OPEN_OUTPUT])];
  const picked = await vscode.window.showErrorMessage(text, ...buttons);
  if (picked === OPEN_OUTPUT) return services.output.show(true);
  if (picked === 'Choose Relay' && problem.fix !== 'chooseRelay') return void (await chooseRelay(services));
  if (picked !== fixLabel) return;
  switch (problem.fix) {
    case 'useSuggestedUrl':
      await save(scope, 'baseUrl', problem.suggestedBaseUrl);
      return testAndReport(services, scope, problem.suggestedBaseUrl!, preset);
    case 'setApiKey':
      if (await services.keys.promptAndStore(originOf(baseUrl), preset?.keyHint)) return testAndReport(services, scope, baseUrl, preset);
      return;
    case 'retry':
      return testAndReport(services, scope, baseUrl, preset);
    case 'chooseRelay':
      return void (await chooseRelay(services));
    case 'chooseModel':
      return chooseModelFrom(scope, report.models);
    case 'proxySettings':
      return void vscode.commands.executeCommand('workbench.action.openSettings', 'http.proxy');
    case 'tlsSettings':
      return void vscode.commands.executeCommand('workbench.action.openSettings', 'relayAssistant.caFile');
    case 'openOutput':
      return services.output.show(true);
  }
}

/** The relay's models (from /models) in a quick pick; the one picked becomes the chat model in the same scope. */
async function chooseModelFrom(scope: SaveScope, models: string[]): Promise<void> {
  const current = readSettings().model;
  const picked = await vscode.window.showQuickPick(
    models.map((id) => ({ label: id, description: id === current ? 'current' : undefined })),
    { title: `Choose Model (saved in ${scope.words})`, placeHolder: `${models.length} models offered by this relay` },
  );
  if (picked) await save(scope, 'model', picked.label);
}
