// What the connection test found, as the one sentence the user reads.
import { originOf } from '../config';
import type { ConnectionReport } from './connection';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "Connected to localhost:11434 (12 ms): no key needed, 3 models, streaming OK (first token 85 ms, llama3.2)." */
export function reportSummary(r: ConnectionReport): string {
  const where = originOf(r.baseUrl).replace(/^https?:\/\//, '');
  if (!r.ok) return `${where}: ${r.problem?.text ?? 'the connection test failed.'}`;
  const parts = [
    r.keyAccepted ? 'key accepted' : 'no key needed',
    r.models.length ? count(r.models.length, 'model') : 'no model list',
    r.streaming ? `streaming OK${r.firstTokenMs !== null ? ` (first token ${r.firstTokenMs} ms, ${r.testedModel})` : ''}` : 'answered without streaming',
  ];
  const missing = r.modelOffered ? '' : ` Your model is not offered here (tested with ${r.testedModel}): choose one.`;
  return `Connected to ${where}${r.latencyMs !== null ? ` (${r.latencyMs} ms)` : ''}: ${parts.join(', ')}.${missing}`;
}
