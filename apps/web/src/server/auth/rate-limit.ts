/**
 * Failure throttling with exponential backoff, one counter per key (an account, a client
 * address). The first `freeFailures` failures cost nothing; each one after that blocks the key
 * for `baseDelayMs · 2^(n-1)` (capped at `maxDelayMs`) from the moment it happened. A key that
 * stayed quiet for `forgetAfterMs` starts over. Pure and in-memory; the clock is injected.
 *
 * Memory is bounded by `maxKeys`, and a blocked key is never evicted to make room: that would let
 * an attacker unblock themselves by flooding the table with fresh keys. When only blocked keys
 * are left, a new key is refused (fail closed) until one of them expires.
 */
export interface RateLimiterOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long (and no longer blocked) is forgotten. */
  forgetAfterMs: number;
  maxKeys?: number;
  now?: () => number;
}

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterMs: number;
}

export interface RateLimiter {
  check(key: string): RateLimitDecision;
  /** Counts a failure; the decision says whether the key is now blocked. */
  recordFailure(key: string): RateLimitDecision;
  reset(key: string): void;
  size(): number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

export function backoffDelayMs(opts: RateLimiterOptions, failures: number): number {
  const over = failures - opts.freeFailures;
  if (over <= 0) return 0;
  return Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(over - 1, 30));
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 50_000;
  const entries = new Map<string, Entry>();

  const forgettable = (e: Entry, t: number) =>
    t >= e.blockedUntil && t - e.lastFailureAt >= opts.forgetAfterMs;

  function current(key: string): Entry | undefined {
    const e = entries.get(key);
    if (e && forgettable(e, now())) {
      entries.delete(key);
      return undefined;
    }
    return e;
  }

  const decide = (e: Entry | undefined): RateLimitDecision => {
    const wait = e ? e.blockedUntil - now() : 0;
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true, retryAfterMs: 0 };
  };

  /** Frees one slot: a forgettable key, else the oldest unblocked one. False when all are blocked. */
  function makeRoom(): boolean {
    const t = now();
    let oldestUnblocked: string | null = null;
    for (const [key, e] of entries) {
      if (forgettable(e, t)) {
        entries.delete(key);
        return true;
      }
      if (oldestUnblocked === null && t >= e.blockedUntil) oldestUnblocked = key;
    }
    if (oldestUnblocked === null) return false;
    entries.delete(oldestUnblocked);
    return true;
  }

  return {
    check(key) {
      if (!entries.has(key) && entries.size >= maxKeys && !makeRoom()) {
        return { allowed: false, retryAfterMs: opts.baseDelayMs };
      }
      return decide(current(key));
    },
    recordFailure(key) {
      let e = current(key);
      if (!e) {
        if (entries.size >= maxKeys && !makeRoom()) {
          return { allowed: false, retryAfterMs: opts.baseDelayMs };
        }
        e = { failures: 0, lastFailureAt: 0, blockedUntil: 0 };
        entries.set(key, e);
      }
      const t = now();
      e.failures += 1;
      e.lastFailureAt = t;
      e.blockedUntil = Math.max(e.blockedUntil, t + backoffDelayMs(opts, e.failures));
      return decide(e);
    },
    reset: (key) => void entries.delete(key),
    size: () => entries.size,
  };
}
