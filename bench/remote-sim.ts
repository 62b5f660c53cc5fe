// The parent's handle on bench/sim-process.ts: start it, ask it for counters, reset it, stop it.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SimCommand, SimStats } from './sim-process';

export interface RemoteSimulator {
  readonly url: string;
  stats(): Promise<SimStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteSimulator(): Promise<RemoteSimulator> {
  const child = fork(join(__dirname, 'sim-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench simulator exited early (code ${code})`)));
    child.on('message', (m: { ready?: string }) => m.ready && resolve(m.ready));
  });
  return new Remote(child, url);
}

class Remote implements RemoteSimulator {
  private nextId = 1;

  constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  private ask<T>(cmd: SimCommand['cmd']): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      const onMessage = (m: { id?: number } & T) => {
        if (m.id !== id) return;
        this.child.off('message', onMessage);
        resolve(m);
      };
      this.child.on('message', onMessage);
      this.child.send({ id, cmd } satisfies SimCommand);
    });
  }

  stats(): Promise<SimStats> {
    return this.ask<SimStats>('stats');
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    await exited;
  }
}
