/**
 * A token bucket: `burst` tokens, refilled at `perSecond`; `take()` spends one or says no.
 * Pure: the clock is injected.
 */
export interface TokenBucket {
  take(): boolean;
}

export function createTokenBucket(opts: {
  perSecond: number;
  burst: number;
  now?: () => number;
}): TokenBucket {
  const now = opts.now ?? Date.now;
  let tokens = opts.burst;
  let at = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(opts.burst, tokens + ((t - at) / 1000) * opts.perSecond);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
