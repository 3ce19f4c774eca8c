import type { Healthcheck } from '@berth/protocol';

/** A health check with Docker's defaults applied, durations in nanoseconds. */
export interface HealthConfig {
  /** The argv to exec in the container. */
  command: string[];
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
  startInterval: number;
}

/** Docker's defaults (api/types/container: DefaultHealthInterval …). */
export const HEALTH_DEFAULTS = {
  interval: 30e9,
  timeout: 30e9,
  retries: 3,
  startPeriod: 0,
  startInterval: 5e9,
} as const;

type Durations = 'interval' | 'timeout' | 'retries' | 'startPeriod' | 'startInterval';
const FIELDS: readonly Durations[] = [
  'interval',
  'timeout',
  'retries',
  'startPeriod',
  'startInterval',
];

/**
 * Pure: Docker's merge of the create request's health check over the image's HEALTHCHECK: an
 * empty test and zero durations/retries take the image's values. null = neither has one.
 */
export function mergeHealthcheck(
  image: Healthcheck | null | undefined,
  request: Healthcheck | null | undefined,
): Healthcheck | null {
  if (!request) return image ? { ...image } : null;
  if (!image) return { ...request };
  const out: Healthcheck = { test: request.test.length > 0 ? [...request.test] : [...image.test] };
  for (const k of FIELDS) {
    const v = request[k] || image[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Pure: what the agent runs — the probe command and Docker's defaults for zero values; null when
 * there is no check (`[]`) or it is disabled (`["NONE"]`). `CMD-SHELL` runs under `/bin/sh -c`.
 */
export function healthConfigOf(h: Healthcheck | null | undefined): HealthConfig | null {
  if (!h || h.test.length === 0) return null;
  const [kind, ...rest] = h.test;
  let command: string[];
  if (kind === 'CMD' && rest.length > 0) command = rest;
  else if (kind === 'CMD-SHELL' && rest.length > 0) command = ['/bin/sh', '-c', rest.join(' ')];
  else return null;
  return {
    command,
    interval: h.interval || HEALTH_DEFAULTS.interval,
    timeout: h.timeout || HEALTH_DEFAULTS.timeout,
    retries: h.retries || HEALTH_DEFAULTS.retries,
    startPeriod: h.startPeriod || HEALTH_DEFAULTS.startPeriod,
    startInterval: h.startInterval || HEALTH_DEFAULTS.startInterval,
  };
}
