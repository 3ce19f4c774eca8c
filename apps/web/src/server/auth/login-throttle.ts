import { addressKey } from './client-address.js';
import {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiterOptions,
} from './rate-limit.js';

/**
 * Login throttling on two independent keys: the account (the username as typed, so probing
 * unknown names costs the same) and the client address (an IPv6 /64 counts as one). Either one
 * blocked refuses the attempt before any password is hashed. A success clears the account's
 * counter only: clearing the address would let one valid account reset guessing on others.
 */
export interface LoginThrottle {
  check(ip: string | null, username: string): RateLimitDecision;
  failed(ip: string | null, username: string): void;
  succeeded(ip: string | null, username: string): void;
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
  } = {},
): LoginThrottle {
  const d = loginThrottleDefaults;
  const accounts = createRateLimiter({
    ...d.account,
    forgetAfterMs: d.forgetAfterMs,
    now: opts.now,
    ...opts.account,
  });
  const addresses = createRateLimiter({
    ...d.address,
    forgetAfterMs: d.forgetAfterMs,
    now: opts.now,
    ...opts.address,
  });
  return {
    check(ip, username) {
      const a = accounts.check(accountKey(username));
      const b = addresses.check(addressKey(ip));
      return a.allowed && b.allowed
        ? { allowed: true, retryAfterMs: 0 }
        : { allowed: false, retryAfterMs: Math.max(a.retryAfterMs, b.retryAfterMs) };
    },
    failed(ip, username) {
      accounts.recordFailure(accountKey(username));
      addresses.recordFailure(addressKey(ip));
    },
    succeeded(_ip, username) {
      accounts.reset(accountKey(username));
    },
  };
}
