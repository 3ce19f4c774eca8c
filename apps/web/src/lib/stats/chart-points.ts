import type { HostStatsSample, StatsBatchSample, StatsPoint } from '@berth/protocol';

/**
 * What the graphs draw, whatever the source (the agent's 1 s ring, live samples, 1-minute
 * rollups): the agent's per-second rates, never recomputed here. Unknown = null, never 0.
 */
export interface StatsChartPoint {
  /** ms since the epoch. */
  at: number;
  /** % of the whole host. */
  cpuPercent: number | null;
  /** % of the CFS quota; null without a limit. */
  cpuPercentOfLimit: number | null;
  memoryUsage: number | null;
  memoryWorkingSet: number | null;
  memoryCache: number | null;
  memoryLimit: number | null;
  ioReadRate: number | null;
  ioWriteRate: number | null;
  netRxRate: number | null;
  netTxRate: number | null;
  pids: number | null;
  pidsLimit: number | null;
  /** Milliseconds throttled per second. */
  throttledMsPerSec: number | null;
  /** PSI "some" avg10 (cgroup v2 only). */
  psiCpu: number | null;
  psiMemory: number | null;
  psiIo: number | null;
}

export const statsRanges = ['5m', '15m', '1h', '24h', '7d'] as const;
export type StatsRange = (typeof statsRanges)[number];

export const rangeMs: Record<StatsRange, number> = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

/** ≤ 15 minutes come from the agent's 1 s ring, longer ranges from 1-minute rollups. */
export function sourceForRange(range: StatsRange): 'agent' | 'rollup' {
  return rangeMs[range] <= 15 * 60_000 ? 'agent' : 'rollup';
}

export interface StatsHistoryDto {
  hostId: string;
  containerId: string;
  range: StatsRange;
  source: 'agent' | 'rollup';
  intervalMs: number;
  points: StatsChartPoint[];
}

const noExtras = {
  memoryCache: null,
  pidsLimit: null,
  throttledMsPerSec: null,
  psiCpu: null,
  psiMemory: null,
  psiIo: null,
} as const;

/** The agent's ring → chart points (its rates as they are: the agent owns them). */
export function fromHistoryPoints(points: readonly StatsPoint[]): StatsChartPoint[] {
  return points.map((p) => ({ ...p, ...noExtras }));
}

/** One live sample → a chart point (CPU % and rates as the agent derived them). */
export function fromLiveSample(sample: StatsBatchSample): StatsChartPoint {
  return {
    at: sample.at,
    cpuPercent: sample.cpu.percentOfHost,
    cpuPercentOfLimit: sample.cpu.percentOfLimit,
    memoryUsage: sample.memory.usage,
    memoryWorkingSet: sample.memory.workingSet,
    memoryCache: sample.memory.cache,
    memoryLimit: sample.memory.limit,
    ...sample.rates,
    pids: sample.pids.current,
    pidsLimit: sample.pids.limit,
    psiCpu: sample.psi?.cpu?.some?.avg10 ?? null,
    psiMemory: sample.psi?.memory?.some?.avg10 ?? null,
    psiIo: sample.psi?.io?.some?.avg10 ?? null,
  };
}

/** Keep the points of the last `windowMs` before `now` (live charts drop what scrolled out). */
export function trimWindow<T extends { at: number }>(points: T[], now: number, windowMs: number) {
  const from = now - windowMs;
  let i = 0;
  while (i < points.length && points[i]!.at < from) i++;
  return i === 0 ? points : points.slice(i);
}

/** Host graph point: CPU % and memory used/total. */
export interface HostChartPoint {
  at: number;
  cpuPercent: number | null;
  memoryUsed: number | null;
  memoryTotal: number | null;
}

export function fromHostSample(s: HostStatsSample): HostChartPoint {
  return {
    at: s.at,
    cpuPercent: s.cpuPercent,
    memoryUsed: s.memoryUsed,
    memoryTotal: s.memoryTotal,
  };
}
