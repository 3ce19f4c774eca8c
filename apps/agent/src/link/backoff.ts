import type { BackoffOptions } from '@berth/runtime';

/**
 * The link's retry policy (enrollment, manual reconnects): 1 s doubling to 30 s with equal
 * jitter, so a fleet restarting together spreads out. The helper is the runtime's one backoff.
 */
export const LINK_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000, jitter: 'equal' };
