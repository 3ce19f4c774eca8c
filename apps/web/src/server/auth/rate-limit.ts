/**
 * A failure counter per key (IP + username): after `maxFailures` failures inside `windowMs`
 * the key is blocked until the oldest failure leaves the window. Pure and in-memory; the clock
 * is injected so tests need no timers. A successful login clears the key.
 */
export interface RateLimiterOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  /** Bound on tracked keys so a flood of distinct usernames cannot grow memory without limit. */
  maxKeys?: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterMs: number;
}

export interface RateLimiter {
  check(key: string): RateLimitDecision;
  recordFailure(key: string): RateLimitDecision;
  reset(key: string): void;
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const failures = new Map<string, number[]>();

  function recent(key: string): number[] {
    const cutoff = now() - opts.windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  function decide(times: number[]): RateLimitDecision {
    if (times.length < opts.maxFailures) return { allowed: true, retryAfterMs: 0 };
    const oldest = times[times.length - opts.maxFailures]!;
    return { allowed: false, retryAfterMs: Math.max(0, oldest + opts.windowMs - now()) };
  }

  return {
    check: (key) => decide(recent(key)),
    recordFailure(key) {
      const times = recent(key);
      if (!failures.has(key) && failures.size >= maxKeys) {
        const first = failures.keys().next();
        if (!first.done) failures.delete(first.value);
      }
      times.push(now());
      failures.set(key, times);
      return decide(times);
    },
    reset: (key) => void failures.delete(key),
  };
}

export function loginRateKey(ip: string | null, username: string): string {
  return `${ip ?? 'unknown'}|${username.toLowerCase()}`;
}
