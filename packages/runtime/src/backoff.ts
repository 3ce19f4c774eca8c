/**
 * Jittered exponential backoff, the one helper for every retry loop (registry requests in the
 * runtime, the agent's link to the web). The ceiling doubles per attempt up to `maxMs`; the delay
 * is drawn from [ceiling/2, ceiling] with `equal` jitter (a fleet restarting together spreads
 * out, yet none retries in a tight loop) or from [0, ceiling) with `full` jitter (quick first
 * retries of a single request). `random` is injected for tests.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  jitter: 'equal' | 'full';
}

export function backoffDelay(
  attempt: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return opts.jitter === 'full'
    ? Math.floor(random() * ceiling)
    : Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms` (true), or early (false) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
