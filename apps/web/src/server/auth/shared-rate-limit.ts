import {
  backoffDelayMs,
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiterOptions,
} from './rate-limit.js';
import type { ThrottleCountersRepo } from './throttle-counters-repo.js';

/** A rate limiter whose counters may live outside this process (the database). */
export interface SharedRateLimiter {
  check(key: string): Promise<RateLimitDecision>;
  recordFailure(key: string): Promise<RateLimitDecision>;
  reset(key: string): Promise<void>;
}

export type RateLimiterFactory = (opts: RateLimiterOptions) => SharedRateLimiter;

/** In this process's memory (unit tests; nothing shared). */
export const memoryRateLimiter: RateLimiterFactory = (opts) => {
  const rl = createRateLimiter(opts);
  return {
    check: async (key) => rl.check(key),
    recordFailure: async (key) => rl.recordFailure(key),
    reset: async (key) => rl.reset(key),
  };
};

const decide = (blockedUntil: number, t: number): RateLimitDecision =>
  blockedUntil > t
    ? { allowed: false, retryAfterMs: blockedUntil - t }
    : { allowed: true, retryAfterMs: 0 };

/**
 * The same policy with the counters in the ThrottleCounter table, shared by every web replica
 * (`namespace` keeps login and enrollment counters apart). Each step is one atomic statement,
 * so concurrent failures on two replicas both count. Quiet rows are deleted by the fleet's
 * `throttle.sweep` job; the table needs no size bound of its own.
 */
export function dbRateLimiter(
  repo: ThrottleCountersRepo,
  namespace: string,
  now: () => number = Date.now,
): RateLimiterFactory {
  return (opts) => {
    const clock = opts.now ?? now;
    const k = (key: string) => `${namespace}:${key}`;
    return {
      async check(key) {
        const t = clock();
        const row = await repo.get(k(key));
        if (!row || (row.blockedUntil <= t && t - row.lastFailureAt >= opts.forgetAfterMs)) {
          return { allowed: true, retryAfterMs: 0 };
        }
        return decide(row.blockedUntil, t);
      },
      async recordFailure(key) {
        const t = clock();
        await repo.forgetIfQuiet(k(key), t, opts.forgetAfterMs);
        const failures = await repo.increment(k(key), t);
        const until = t + backoffDelayMs(opts, failures);
        const blockedUntil = await repo.raiseBlock(k(key), until);
        return decide(blockedUntil, t);
      },
      async reset(key) {
        await repo.remove(k(key));
      },
    };
  };
}
