import type { RateLimitInfo } from './ratelimit';
import type { ErrorKind, RelayErrorInfo } from './types';

/** The one error type the relay client rejects with. Its message never contains the API key. */
export class RelayError extends Error implements RelayErrorInfo {
  readonly kind: ErrorKind;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly code: string | null;
  /** Text already received (and shown) before the failure. */
  partialText = '';
  /** Reasoning already received before the failure. */
  partialReasoning = '';
  /** HTTP attempts made in total before giving up. */
  attempts = 0;
  /** The model of the last attempt. */
  model = '';
  /** Estimated cost of what was generated before the failure (relays bill a cut answer); null when nothing was or the price is unknown. */
  costUsd: number | null = null;
  /** The relay's x-ratelimit-* headers on this error's response, when it sent any. */
  rateLimit: RateLimitInfo | null = null;
  /** The request parameter the relay's error object names (`param`), when it names one. */
  param: string | null = null;

  constructor(info: Omit<RelayErrorInfo, 'message'> & { message: string }) {
    super(info.message);
    this.name = 'RelayError';
    this.kind = info.kind;
    this.status = info.status;
    this.retryable = info.retryable;
    this.retryAfterMs = info.retryAfterMs;
    this.code = info.code;
  }

  toJSON(): RelayErrorInfo {
    return { kind: this.kind, status: this.status, retryable: this.retryable, retryAfterMs: this.retryAfterMs, message: this.message, code: this.code };
  }
}

export function isRelayError(e: unknown): e is RelayError {
  return e instanceof RelayError;
}
