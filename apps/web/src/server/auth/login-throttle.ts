import { addressKey } from './client-address.js';
import type { RateLimitDecision, RateLimiterOptions } from './rate-limit.js';
import { memoryRateLimiter, type RateLimiterFactory } from './shared-rate-limit.js';

/**
 * Login throttling on two independent keys: the account (the username as typed, so probing
 * unknown names costs the same) and the client address (an IPv6 /64 counts as one). Either one
 * blocked refuses the attempt before any password is hashed. A success clears the account's
 * counter only: clearing the address would let one valid account reset guessing on others.
 */
export interface LoginThrottle {
  check(ip: string | null, username: string): Promise<RateLimitDecision>;
  failed(ip: string | null, username: string): Promise<void>;
  succeeded(ip: string | null, username: string): Promise<void>;
}

export const loginThrottleDefaults = {
  account: { freeFailures: 4, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  address: { freeFailures: 19, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  forgetAfterMs: 60 * 60_000,
} as const;

export const accountKey = (username: string) => `user:${username.toLowerCase().slice(0, 128)}`;

export function createLoginThrottle(
  opts: {
    account?: Partial<RateLimiterOptions>;
    address?: Partial<RateLimiterOptions>;
    now?: () => number;
    /** Where the counters live (default: this process's memory; the server uses the database). */
    limiter?: RateLimiterFactory;
  } = {},
): LoginThrottle {
  const d = loginThrottleDefaults;
  const limiter = opts.limiter ?? memoryRateLimiter;
  const accounts = limiter({
    ...d.account,
    forgetAfterMs: d.forgetAfterMs,
    now: opts.now,
    ...opts.account,
  });
  const addresses = limiter({
    ...d.address,
    forgetAfterMs: d.forgetAfterMs,
    now: opts.now,
    ...opts.address,
  });
  return {
    async check(ip, username) {
      const [a, b] = await Promise.all([
        accounts.check(accountKey(username)),
        addresses.check(addressKey(ip)),
      ]);
      return a.allowed && b.allowed
        ? { allowed: true, retryAfterMs: 0 }
        : { allowed: false, retryAfterMs: Math.max(a.retryAfterMs, b.retryAfterMs) };
    },
    async failed(ip, username) {
      await Promise.all([
        accounts.recordFailure(accountKey(username)),
        addresses.recordFailure(addressKey(ip)),
      ]);
    },
    async succeeded(_ip, username) {
      await accounts.reset(accountKey(username));
    },
  };
}
