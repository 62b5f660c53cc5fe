// Words for a review's relay trouble in progress lines (CLI stderr, the extension's toast).
import { adviceFor } from '../errorText';
import type { ReviewProgress } from './types';

/** "Could not reach the relay (network, DNS, proxy or TLS): 3 request(s) waiting to retry". */
export function troubleText(t: NonNullable<ReviewProgress['trouble']>): string {
  const words = adviceFor({ kind: t.kind, code: null, retryAfterMs: null }).text.replace(/\.$/, '');
  return t.waiting ? `${words}: ${t.waiting} request(s) waiting to retry` : words;
}
