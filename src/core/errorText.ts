import type { ErrorKind, RelayErrorInfo } from './relay/types';

/** What the user can do about an error; each maps to one button in the UI. */
export type FixAction = 'setApiKey' | 'chooseModel' | 'retry' | 'trimAndRetry' | 'openOutput' | 'proxySettings';

export interface ErrorAdvice {
  /** One sentence in plain words (no status codes unless they help, never the key). */
  text: string;
  actions: FixAction[];
}

const ADVICE: Record<ErrorKind, ErrorAdvice> = {
  auth: { text: 'The relay rejected the API key. Set a valid key for this relay.', actions: ['setApiKey', 'openOutput'] },
  rate_limit: { text: 'The relay is throttling requests (rate limit).', actions: ['retry'] },
  bad_request: { text: 'The relay refused the request as invalid.', actions: ['chooseModel', 'openOutput'] },
  not_found: { text: 'The relay does not know this model (or the base URL is wrong).', actions: ['chooseModel', 'openOutput'] },
  context_length: { text: 'The conversation is longer than the model accepts.', actions: ['trimAndRetry'] },
  server: { text: 'The relay had an internal error.', actions: ['retry', 'openOutput'] },
  overloaded: { text: 'The model is overloaded right now.', actions: ['retry', 'chooseModel'] },
  timeout: { text: 'The relay did not answer in time.', actions: ['retry', 'proxySettings', 'openOutput'] },
  network: { text: 'Could not reach the relay (network, DNS, proxy or TLS).', actions: ['retry', 'proxySettings', 'openOutput'] },
  stream_interrupted: { text: 'The answer was cut off before it finished; the text received so far is kept.', actions: ['retry'] },
  protocol: { text: 'The relay answered with something that is not an OpenAI-compatible response (a proxy or login page?).', actions: ['openOutput', 'proxySettings'] },
  cancelled: { text: 'Stopped.', actions: [] },
};

/** Plain words and fix buttons for an error. Quota exhaustion is billing, not throttling: no retry. */
export function adviceFor(err: Pick<RelayErrorInfo, 'kind' | 'code' | 'retryAfterMs'>): ErrorAdvice {
  if (err.kind === 'rate_limit' && err.code && /insufficient_quota/i.test(err.code)) {
    return { text: 'The relay account has no quota left (billing).', actions: ['openOutput'] };
  }
  const base = ADVICE[err.kind] ?? ADVICE.server;
  if (err.kind === 'rate_limit' && err.retryAfterMs != null) {
    return { ...base, text: `${base.text} It asks to wait ${Math.ceil(err.retryAfterMs / 1000)} s.` };
  }
  return base;
}

export const ACTION_LABELS: Record<FixAction, string> = {
  setApiKey: 'Set API Key',
  chooseModel: 'Choose Model',
  retry: 'Retry',
  trimAndRetry: 'Trim History and Retry',
  openOutput: 'Open Output',
  proxySettings: 'Proxy Settings',
};

type ErrorWords = Pick<RelayErrorInfo, 'kind' | 'message'>;

/** A reviewed file whose request the run never sent: the circuit breaker stopped it first. */
export function notSentReason(stoppedBy: ErrorWords): string {
  return `not sent: the run stopped after a ${stoppedBy.kind} error (${stoppedBy.message})`;
}

/** A reviewed file whose request was sent and failed with `last`; the run stopped before the retry. */
export function notRetriedReason(last: ErrorWords, stoppedBy: ErrorWords | null): string {
  const cause = !stoppedBy ? '' : stoppedBy.message === last.message ? ` after a ${stoppedBy.kind} error` : ` after a ${stoppedBy.kind} error (${stoppedBy.message})`;
  return `${last.message} (not retried: the run stopped${cause})`;
}
