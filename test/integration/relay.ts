// Points the extension (workspace settings) at a relay simulator started in the extension host,
// and puts the settings back afterwards.
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../support/simulator';

export interface SimulatedRelay {
  sim: Simulator;
  /** Stops the simulator and removes the workspace settings this set. */
  restore(): Promise<void>;
}

export async function useSimulatedRelay(settings: Record<string, unknown> = { maxRetries: 0, fallbackModels: [] }): Promise<SimulatedRelay> {
  const sim = await startSimulator();
  const config = vscode.workspace.getConfiguration('relayAssistant');
  const all: Record<string, unknown> = { baseUrl: sim.url, ...settings };
  for (const [key, value] of Object.entries(all)) await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return {
    sim,
    restore: async () => {
      for (const key of Object.keys(all)) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
      await sim.close();
    },
  };
}
