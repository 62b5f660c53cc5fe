// The benchmark's relay: the simulator in its own process (forked with an IPC channel), so its
// CPU time never counts against the client being measured. Answers by model name:
//   stream-N    N small content deltas, then a finish chunk, usage and [DONE]
//   first-token one delta at once, then the finish chunk and [DONE]
//   latency-MS  a non-streaming answer after MS milliseconds
// IPC: {cmd: 'stats'} -> {socketsOpened, maxInFlight, requests}; {cmd: 'reset'} -> {ok: true}.
import { EventEmitter } from 'node:events';
import { startSimulator, type RecordedRequest, type Scenario, type Simulator, type Step } from '../test/support/simulator';
import { completion, streamSteps } from '../test/support/sse';

export interface SimStats {
  socketsOpened: number;
  maxInFlight: number;
  requests: number;
}

export type SimCommand = { id: number; cmd: 'stats' | 'reset' };

const USAGE = { prompt_tokens: 12, completion_tokens: 8 };
const streams = new Map<number, Step[]>();

function streamOf(deltas: number): Step[] {
  let steps = streams.get(deltas);
  if (!steps) {
    steps = streamSteps(Array.from({ length: deltas }, (_, i) => `t${i % 100} `), { usage: USAGE });
    streams.set(deltas, steps);
  }
  return steps;
}

function answer(req: RecordedRequest): Scenario {
  const model = String(req.body?.model ?? '');
  const [kind, arg] = model.split('-');
  if (kind === 'stream') return { steps: streamOf(Number(arg)) };
  if (model === 'first-token') return { steps: streamOf(1) };
  if (kind === 'latency') return { delayMs: Number(arg), body: completion('ok', USAGE) };
  return { status: 404, body: { error: { message: `unknown bench model ${model}`, type: 'not_found' } } };
}

function stats(sim: Simulator): SimStats {
  return { socketsOpened: sim.socketsOpened, maxInFlight: sim.maxInFlight, requests: sim.requests.length };
}

async function main(): Promise<void> {
  // The simulator adds a 'close' listener to a keep-alive socket per request; thousands of requests
  // per socket here would print MaxListenersExceededWarning noise into the bench output.
  EventEmitter.defaultMaxListeners = 0;
  const sim = await startSimulator();
  sim.setResponder(answer);
  process.on('message', (m: SimCommand) => {
    if (m.cmd === 'reset') {
      sim.reset();
      sim.setResponder(answer);
      process.send?.({ id: m.id, ok: true });
    } else if (m.cmd === 'stats') {
      process.send?.({ id: m.id, ...stats(sim) });
    }
  });
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ ready: sim.url });
}

void main();
