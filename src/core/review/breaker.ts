// The circuit breaker: stops a run when the relay fails in a way retries cannot fix.
import type { RelayError } from '../relay/errors';

/** Kinds that fail every further request the same way (quota is a non-retryable rate_limit). */
function isFatal(err: RelayError): boolean {
  return err.kind === 'auth' || err.kind === 'not_found' || (err.kind === 'rate_limit' && !err.retryable);
}

export class CircuitBreaker {
  /** The error that stopped the run, once tripped. */
  trippedBy: RelayError | null = null;
  /** Attempts in a row that failed at the network level (connection refused, DNS, reset). */
  private networkStreak = 0;
  private networkNeeded = 0;

  /** networkFailuresToStop: the fewest network failures in a row that stop the run. */
  constructor(private readonly networkFailuresToStop: number, private readonly onTrip: () => void) {}

  succeeded(): void {
    this.networkStreak = 0;
  }

  /**
   * Every failed attempt, retried or not. The relay is unreachable when network failures come in a
   * row from every request that was in flight when they began (and at least networkFailuresToStop).
   */
  attemptFailed(err: RelayError, inFlight: number): void {
    if (err.kind !== 'network') return;
    if (this.networkStreak === 0) this.networkNeeded = Math.max(this.networkFailuresToStop, inFlight);
    if (++this.networkStreak >= this.networkNeeded) this.trip(err);
  }

  /** Records a request's final failure (after retries) and returns it for rethrowing. */
  failed(err: RelayError): RelayError {
    if (isFatal(err)) this.trip(err);
    return err;
  }

  private trip(err: RelayError): void {
    if (this.trippedBy) return;
    this.trippedBy = err;
    this.onTrip();
  }
}
