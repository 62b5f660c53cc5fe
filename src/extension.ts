import * as vscode from 'vscode';
import type { Feature } from './features/context';
import { chatFeature } from './features/chat/index';
import { editFeature } from './features/edit/index';
import { registerKeyCommands } from './features/keyCommands';
import { lmFeature } from './features/lm/index';
import { reviewFeature } from './features/review/index';
import { completionsFeature } from './features/completions/index';
import { Services } from './features/services';
import { registerSetup } from './features/setup/command';

const FEATURES: Feature[] = [chatFeature, editFeature, reviewFeature, lmFeature, completionsFeature];

/** What activate() returns: used by the integration tests and the benchmark. */
export interface RelayAssistantApi {
  activationMs: number;
}

export function activate(extension: vscode.ExtensionContext): RelayAssistantApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Relay Assistant', { log: true });
  const services = new Services(extension, output);
  const ctx = services.context();
  extension.subscriptions.push(output, services, registerKeyCommands(services, output), registerSetup(services));
  for (const feature of FEATURES) extension.subscriptions.push(feature(ctx));
  const activationMs = performance.now() - started;
  output.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is owned by extension.subscriptions and disposed by VS Code.
}
