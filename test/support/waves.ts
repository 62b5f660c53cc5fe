// A responder for "n requests in flight at once" tests that does not depend on the machine's speed.
import type { RecordedRequest, Responder, Scenario } from './simulator';

/**
 * Holds every answer until `n` requests wait, then answers them together: those n are in flight
 * at once however slowly a busy machine delivers them (a fixed answer delay only covers an idle
 * one). A client that never has n requests out at once never fills a wave, and the test times out.
 */
export function inWavesOf(n: number, answer: (req: RecordedRequest) => Scenario): Responder {
  let wave: (() => void)[] = [];
  return (req) =>
    new Promise((resolve) => {
      wave.push(() => resolve(answer(req)));
      if (wave.length < n) return;
      const full = wave;
      wave = [];
      for (const release of full) release();
    });
}
