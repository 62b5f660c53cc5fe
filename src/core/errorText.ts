import type { ErrorKind, RelayErrorInfo } from './relay/types';

/** What the user can do about an error; each maps to one button in the UI. */
export type FixAction = 'setApiKey' | 'chooseModel' | 'chooseRelay' | 'retry' | 'trimAndRetry' | 'openOutput' | 'proxySettings' | 'tlsSettings';

export interface ErrorAdvice {
  /** One sentence in plain words (no status codes unless they help, never the key). */
  text: string;
  actions: FixAction[];
  /**
   * What of the client's message is still worth a second line: null when `text` already says it
   * all (a closed port is said once), absent when the whole message is.
   */
  detail?: string | null;
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
  network: { text: 'Could not reach the relay (network, DNS, proxy or TLS).', actions: ['retry', 'chooseRelay', 'proxySettings', 'openOutput'] },
  stream_interrupted: { text: 'The answer was cut off before it finished; the text received so far is kept.', actions: ['retry'] },
  protocol: { text: 'The relay answered with something that is not an OpenAI-compatible response (a proxy or login page?).', actions: ['openOutput', 'proxySettings'] },
  cancelled: { text: 'Stopped.', actions: [] },
};

/** Why a connection failed, read from the transport's error code in the client's message. */
export type NetworkCause =
  | { kind: 'refused'; address: string | null }
  | { kind: 'dns'; host: string | null }
  | { kind: 'tls'; code: string }
  | { kind: 'proxy' }
  | { kind: 'other'; detail: string };

const TLS_CODES = /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|ERR_SSL_WRONG_VERSION_NUMBER|EPROTO)\b/;
const TLS_WORDS = /self[- ]signed certificate|wrong version number|certificate/i;

/** The cause of a `network` error from its message ("Could not reach the relay: connect ECONNREFUSED 127.0.0.1:9"). */
export function networkCause(message: string): NetworkCause {
  const refused = /ECONNREFUSED(?:\s+(\S+))?/.exec(message);
  if (refused) return { kind: 'refused', address: refused[1]?.replace(/[,;)]+$/, '') ?? null };
  const dns = /(?:ENOTFOUND|EAI_AGAIN)(?:\s+([^\s,;)]+))?/.exec(message);
  if (dns) return { kind: 'dns', host: dns[1] ?? null };
  const tls = TLS_CODES.exec(message) ?? TLS_WORDS.exec(message);
  if (tls) return { kind: 'tls', code: tls[0] };
  if (/\bproxy\b/i.test(message)) return { kind: 'proxy' };
  return { kind: 'other', detail: message.replace(/^Could not reach the relay:?\s*/, '') };
}

/** One sentence per cause, and the button that fixes it first. */
function networkAdvice(message: string): ErrorAdvice {
  const cause = networkCause(message);
  switch (cause.kind) {
    case 'refused':
      return { text: `Nothing is listening at ${cause.address ?? 'the relay\'s address'} (connection refused): start the server there, or choose another relay.`, actions: ['chooseRelay', 'retry', 'openOutput'], detail: null };
    case 'dns':
      return { text: `The relay's host${cause.host ? ` ${cause.host}` : ''} was not found (DNS): check the base URL.`, actions: ['chooseRelay', 'retry', 'proxySettings', 'openOutput'], detail: null };
    case 'tls':
      return { text: `The relay's TLS certificate is not trusted (${cause.code}): point relayAssistant.caFile at your organisation's CA, or check that the base URL's scheme (http/https) is right.`, actions: ['tlsSettings', 'chooseRelay', 'openOutput'], detail: null };
    case 'proxy':
      return { text: 'The proxy refused to connect to the relay: check http.proxy (and its credentials).', actions: ['proxySettings', 'retry', 'openOutput'], detail: message.replace(/^Could not reach the relay:?\s*/, '') || null };
    case 'other':
      return { ...ADVICE.network, detail: cause.detail || null };
  }
}

/** Plain words and fix buttons for an error. Quota exhaustion is billing, not throttling: no retry. */
export function adviceFor(err: Pick<RelayErrorInfo, 'kind' | 'code' | 'retryAfterMs'> & { message?: string }): ErrorAdvice {
  if (err.kind === 'rate_limit' && err.code && /insufficient_quota/i.test(err.code)) {
    return { text: 'The relay account has no quota left (billing).', actions: ['openOutput'] };
  }
  if (err.kind === 'network' && err.message) return networkAdvice(err.message);
  const base = ADVICE[err.kind] ?? ADVICE.server;
  if (err.kind === 'rate_limit' && err.retryAfterMs != null) {
    return { ...base, text: `${base.text} It asks to wait ${Math.ceil(err.retryAfterMs / 1000)} s.` };
  }
  return base;
}

export const ACTION_LABELS: Record<FixAction, string> = {
  setApiKey: 'Set API Key',
  chooseModel: 'Choose Model',
  chooseRelay: 'Choose Relay',
  retry: 'Retry',
  trimAndRetry: 'Trim History and Retry',
  openOutput: 'Open Output',
  proxySettings: 'Proxy Settings',
  tlsSettings: 'Certificate Settings',
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
