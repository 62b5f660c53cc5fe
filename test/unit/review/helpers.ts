// Shared helpers for the review tests: a reviewing responder for the simulator, clients, plans,
// the SARIF schema validator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { createRelayClient, type RelayClient } from '../../../src/core/relay';
import { memorySource, planFiles, type ReviewPlan } from '../../../src/core/review';
import type { RecordedRequest, Scenario } from '../../support/simulator';
import { completion } from '../../support/sse';

export interface NumberedLine {
  n: number;
  text: string;
}

/** The `${n} | ${line}` lines of a review request's user message. */
export function numberedLines(req: RecordedRequest): NumberedLine[] {
  const user = (req.body?.messages ?? []).find((m: { role: string }) => m.role === 'user')?.content ?? '';
  return [...String(user).matchAll(/^(\d+) \| (.*)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2] }));
}

/** The path named in a review request. */
export function pathOf(req: RecordedRequest): string {
  const user = (req.body?.messages ?? []).find((m: { role: string }) => m.role === 'user')?.content ?? '';
  return /Path: (.*)/.exec(String(user))?.[1] ?? '';
}

/** A reviewer that reports every line containing TODO, in the numbering it was shown. */
export function todoReply(req: RecordedRequest): Scenario {
  const findings = numberedLines(req)
    .filter((l) => l.text.includes('TODO'))
    .map((l) => ({ line: l.n, severity: 'warning', message: 'Unfinished work (TODO)', rule: 'todo' }));
  return { body: completion(JSON.stringify({ findings }), { prompt_tokens: 100, completion_tokens: 20 }) };
}

export function client(url: string): RelayClient {
  return createRelayClient({ baseUrl: url, apiKey: 'sk-review-test-key', maxConnections: 64 });
}

/** n small files, each with one TODO on line 2. */
export async function todoPlan(n: number): Promise<ReviewPlan> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`src/file${String(i).padStart(4, '0')}.ts`] = `export const v${i} = ${i};\n// TODO: finish ${i}\n`;
  return planFiles(memorySource(files));
}

/** Successful review requests per path. */
export function answeredPerPath(requests: RecordedRequest[], statuses: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  requests.forEach((r, i) => {
    if (statuses[i] === 200) counts.set(pathOf(r), (counts.get(pathOf(r)) ?? 0) + 1);
  });
  return counts;
}

/** The official SARIF 2.1.0 schema (draft-04) adapted for ajv 8: `id` -> `$id`, no `$schema`, formats registered. */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, '../../fixtures/review/sarif-schema-2.1.0.json'), 'utf8'));
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ $id: id, ...rest });
}
