/** Exponential backoff with full jitter: attempt 0 → up to base, 1 → up to 2·base … capped. */
export function backoffDelay(
  attempt: number,
  baseMs = 200,
  capMs = 5000,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** Whether an HTTP status deserves a retry (server errors and rate limiting). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
