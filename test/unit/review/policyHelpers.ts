// A reviewer for the policy tests: every line with `FLAG` is reported; `FLAG error 0.3` gives the
// severity and the confidence (no number: the model "did not rate it"). A request whose rules say
// "report nothing" gets no findings, so a test can tell which rules a request carried.
import type { RecordedRequest, Scenario } from '../../support/simulator';
import { completion } from '../../support/sse';
import { numberedLines } from './helpers';

export function userText(req: RecordedRequest): string {
  return String((req.body?.messages ?? []).find((m: { role: string }) => m.role === 'user')?.content ?? '');
}

export function flagReply(req: RecordedRequest): Scenario {
  if (/report nothing/i.test(userText(req))) return { body: completion('{"findings": []}', { prompt_tokens: 100, completion_tokens: 5 }) };
  const findings = numberedLines(req).flatMap((l) => {
    const m = /FLAG(?:\s+(error|warning|info))?(?:\s+([0-9.]+))?/.exec(l.text);
    if (!m) return [];
    const f: Record<string, unknown> = { line: l.n, severity: m[1] ?? 'warning', category: 'bug', message: `Flagged: ${l.text.trim().slice(0, 40)}`, rule: 'flag' };
    if (m[2] !== undefined) f.confidence = Number(m[2]);
    return [f];
  });
  return { body: completion(JSON.stringify({ findings }), { prompt_tokens: 1000, completion_tokens: 50 }) };
}
