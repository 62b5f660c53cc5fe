// What the edit suites read from disk while auto-save is on: the file read every 20 ms, the
// check that every read is a whole version, waiting for a save, and auto-save itself
// (files.autoSave afterDelay, 50 ms, in the test profile's user settings, put back after).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

const readers = new Set<() => void>();

/** Reads the file from disk every 20 ms until stopped; `stop()` returns the distinct contents seen. */
export function readDiskEvery20ms(path: string): { stop(): Set<string>; count(): number } {
  const reads = new Set<string>();
  let count = 0;
  const read = () => {
    reads.add(readFileSync(path, 'utf8'));
    count++;
  };
  const timer = setInterval(read, 20);
  const halt = () => clearInterval(timer);
  readers.add(halt);
  return {
    stop: () => {
      halt();
      readers.delete(halt);
      read();
      return reads;
    },
    count: () => count,
  };
}

/** Stops every reader a failed test left running. */
export function stopReaders(): void {
  readers.forEach((halt) => halt());
  readers.clear();
}

/** An empty read is VS Code's own save caught between truncating the file and writing it (not atomic, whatever the text). */
export function assertOnlyWholeVersions(reads: Set<string>, allowed: string[]): void {
  for (const read of reads) assert.ok(read === '' || allowed.includes(read), `the disk held a text that is not a whole version:\n${JSON.stringify(read)}`);
}

/** Resolves once the file on disk holds `text` (checked now and after every save). */
export function diskBecomes(path: string, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (readFileSync(path, 'utf8') !== text) return false;
      sub.dispose();
      resolve();
      return true;
    };
    const sub = vscode.workspace.onDidSaveTextDocument(() => check());
    check();
  });
}

/** Turns auto-save on (afterDelay, 50 ms); resolves with the function that puts the user's values back. */
export async function autoSaveOn(): Promise<() => Promise<void>> {
  const files = vscode.workspace.getConfiguration('files');
  const inspected = (key: string) => files.inspect(key)?.globalValue;
  const saved = { autoSave: inspected('autoSave'), autoSaveDelay: inspected('autoSaveDelay') };
  await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
  await files.update('autoSaveDelay', 50, vscode.ConfigurationTarget.Global);
  return async () => {
    await files.update('autoSave', saved.autoSave, vscode.ConfigurationTarget.Global);
    await files.update('autoSaveDelay', saved.autoSaveDelay, vscode.ConfigurationTarget.Global);
  };
}
