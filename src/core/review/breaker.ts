// The circuit breaker: stops a run when the relay fails in a way retries cannot fix.
import type { RelayError } from '../relay/errors';

/** Kinds that fail every further request the same way (quota is a non-retryable rate_limit). */
function isFatal(err: RelayError): boolean {
  return err.kind === 'auth' || err.kind === 'not_found' || (err.kind === 'rate_limit' && !err.retryable);
}

export class CircuitBreaker {
  /** The error that stopped the run, once tripped. */
  trippedBy: RelayError | null = null;
  private networkFailures = 0;

  constructor(private readonly networkFailuresToStop: number, private readonly onTrip: () => void) {}

  succeeded(): void {
    this.networkFailures = 0;
  }

  /** Records a request's final failure (after retries) and returns it for rethrowing. */
  failed(err: RelayError): RelayError {
    if (err.kind === 'network') this.networkFailures++;
    if (!this.trippedBy && (isFatal(err) || (err.kind === 'network' && this.networkFailures >= this.networkFailuresToStop))) {
      this.trippedBy = err;
      this.onTrip();
    }
    return err;
  }
}
