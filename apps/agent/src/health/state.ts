import type { Health, HealthStatus } from '@berth/protocol';
import type { HealthConfig } from './config.js';

export type ProbeResult = Health['log'][number];

/** Docker keeps the last 5 probe results, each output cut to 4096 bytes. */
export const MAX_LOG_ENTRIES = 5;
export const MAX_OUTPUT_LENGTH = 4096;

export const initialHealth = (): Health => ({ status: 'starting', failingStreak: 0, log: [] });

/**
 * Pure: Docker's handleProbeResult. A success resets the streak and makes the container healthy.
 * A failure while still `starting` inside the start period does not count; otherwise it adds to
 * the streak, and `retries` consecutive failures make it unhealthy.
 */
export function applyProbe(
  h: Health,
  result: ProbeResult,
  o: { retries: number; inStartPeriod: boolean },
): Health {
  const log = [...h.log, { ...result, output: truncate(result.output) }].slice(-MAX_LOG_ENTRIES);
  if (result.exitCode === 0) return { status: 'healthy', failingStreak: 0, log };
  if (h.status === 'starting' && o.inStartPeriod) return { ...h, log };
  const failingStreak = h.failingStreak + 1;
  const status: HealthStatus = failingStreak >= o.retries ? 'unhealthy' : h.status;
  return { status, failingStreak, log };
}

/** Pure: whether `sinceStartNs` after the container started is still inside the start period. */
export const inStartPeriod = (cfg: HealthConfig, sinceStartNs: number): boolean =>
  sinceStartNs < cfg.startPeriod;

/**
 * Pure: the wait before the next probe — the start interval while still starting inside the
 * start period (Docker ≥ 25), the interval otherwise. In milliseconds.
 */
export function nextProbeDelayMs(cfg: HealthConfig, h: Health, sinceStartNs: number): number {
  const ns =
    h.status === 'starting' && inStartPeriod(cfg, sinceStartNs) ? cfg.startInterval : cfg.interval;
  return Math.max(1, Math.round(ns / 1e6));
}

function truncate(s: string): string {
  const b = Buffer.from(s, 'utf8');
  return b.length <= MAX_OUTPUT_LENGTH ? s : b.subarray(0, MAX_OUTPUT_LENGTH).toString('utf8');
}
