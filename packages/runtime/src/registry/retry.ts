import type { BackoffOptions } from '../backoff.js';

/** Registry requests retry quickly: full jitter from 200 ms, at most 5 s apart. */
export const registryBackoff = (baseMs = 200): BackoffOptions => ({
  baseMs,
  maxMs: 5000,
  jitter: 'full',
});

/** Whether an HTTP status deserves a retry (server errors and rate limiting). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
