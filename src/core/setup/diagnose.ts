// What a failed connection test means, in one sentence, and the one fix that applies (a wrong path
// gets the URL that answers instead). Error wording itself comes from src/core/errorText.ts.
import { adviceFor, networkCause } from '../errorText';
import { originOf } from '../config';
import type { RelayErrorInfo } from '../relay/types';

/** The button the setup offers for a problem. */
export type SetupFix = 'useSuggestedUrl' | 'chooseRelay' | 'setApiKey' | 'proxySettings' | 'tlsSettings' | 'chooseModel' | 'retry' | 'openOutput';

export interface Problem {
  /** What went wrong and what to do, in one or two sentences. */
  text: string;
  fix: SetupFix;
  /** A wrong path: the base URL that does answer (found by asking it for its models). */
  suggestedBaseUrl?: string;
  error: RelayErrorInfo;
}

export interface DiagnoseInput {
  baseUrl: string;
  hasKey: boolean;
  step: 'models' | 'chat';
  /** Models listed by /models (chat step). */
  models: string[];
  testedModel?: string | null;
  startHint?: string;
}

/** Base URLs worth trying when the given one answers 404 or a web page. */
export function wrongPathCandidates(baseUrl: string): string[] {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return [];
  }
  const path = u.pathname.replace(/\/+$/, '');
  const out: string[] = [];
  if (/\/v1\/v1$/.test(path)) out.push(u.origin + path.replace(/\/v1$/, ''));
  if (!/\/v\d+$/.test(path)) out.push(`${u.origin}${path}/v1`);
  if (path && path !== '/v1') out.push(`${u.origin}/v1`);
  return [...new Set(out)].filter((c) => c !== baseUrl.replace(/\/+$/, ''));
}

/** The problem behind a failed step; `probe` finds a base URL that answers (asked only for a wrong path). */
export async function diagnose(err: RelayErrorInfo, input: DiagnoseInput, probe: () => Promise<string | undefined>): Promise<Problem> {
  const at = input.step === 'models' ? `${input.baseUrl}/models` : `${input.baseUrl}/chat/completions`;
  const status = err.status !== null ? ` (HTTP ${err.status})` : '';
  switch (err.kind) {
    case 'auth':
      return input.hasKey
        ? { text: `The relay rejected the API key${status}: set the key for ${originOf(input.baseUrl)} again.`, fix: 'setApiKey', error: err }
        : { text: `This relay needs an API key${status}, and none is set for ${originOf(input.baseUrl)}.`, fix: 'setApiKey', error: err };
    case 'network': {
      const cause = networkCause(err.message);
      if (cause.kind === 'refused' && input.startHint) {
        return { text: `Nothing is listening at ${cause.address ?? originOf(input.baseUrl)} (connection refused): ${input.startHint}, then Retry.`, fix: 'retry', error: err };
      }
      const advice = adviceFor(err);
      return { text: advice.text, fix: advice.actions[0] === 'tlsSettings' ? 'tlsSettings' : advice.actions[0] === 'proxySettings' ? 'proxySettings' : 'chooseRelay', error: err };
    }
    case 'timeout':
      return { text: `The relay did not answer in time at ${at}: a proxy or firewall may hold the connection.`, fix: 'proxySettings', error: err };
    case 'not_found':
    case 'protocol': {
      if (err.code === 'model_not_found') return modelProblem(err, input);
      const suggested = await probe();
      const what = err.kind === 'protocol' ? 'answers with something that is not the OpenAI API (a web page?)' : `has no OpenAI API${status}`;
      if (suggested) return { text: `${at} ${what}; the relay answers at ${suggested}. Did you mean ${suggested}?`, fix: 'useSuggestedUrl', suggestedBaseUrl: suggested, error: err };
      if (err.kind === 'not_found' && input.step === 'chat' && input.models.length > 0) return modelProblem(err, input);
      return { text: `${at} ${what}: check the base URL's path (most relays end in /v1).`, fix: 'chooseRelay', error: err };
    }
    case 'bad_request':
      return modelProblem(err, input);
    default: {
      const advice = adviceFor(err);
      return { text: advice.text, fix: advice.actions.includes('retry') ? 'retry' : 'openOutput', error: err };
    }
  }
}

function modelProblem(err: RelayErrorInfo, input: DiagnoseInput): Problem {
  const model = input.testedModel ?? 'the model';
  const choose = input.models.length ? `: choose one of its ${input.models.length} models` : ': choose another model';
  return { text: `The relay refused a request to ${model}${err.status !== null ? ` (HTTP ${err.status})` : ''}${choose}.`, fix: 'chooseModel', error: err };
}
