import type { HostStatsSample, StatsBatchSample, StatsPoint } from '@berth/protocol';

/**
 * What the graphs draw, whatever the source (the agent's 1 s ring, live samples, 1-minute
 * rollups): counters are already turned into per-second rates. Unknown = null, never 0.
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

/** Per-second rate of a cumulative counter; null when unknown or the counter went back. */
export function rate(
  prev: number | null | undefined,
  next: number | null | undefined,
  ms: number,
): number | null {
  if (prev === null || prev === undefined || next === null || next === undefined) return null;
  if (ms <= 0 || next < prev) return null;
  return ((next - prev) * 1000) / ms;
}

const noExtras = {
  memoryCache: null,
  pidsLimit: null,
  throttledMsPerSec: null,
  psiCpu: null,
  psiMemory: null,
  psiIo: null,
} as const;

/** The agent's ring (cumulative io/net) → chart points with rates. */
export function fromHistoryPoints(points: readonly StatsPoint[]): StatsChartPoint[] {
  return points.map((p, i) => {
    const prev = i > 0 ? points[i - 1] : undefined;
    const ms = prev ? p.at - prev.at : 0;
    return {
      at: p.at,
      cpuPercent: p.cpuPercent,
      cpuPercentOfLimit: p.cpuPercentOfLimit,
      memoryUsage: p.memoryUsage,
      memoryWorkingSet: p.memoryWorkingSet,
      memoryLimit: p.memoryLimit,
      ioReadRate: rate(prev?.ioReadBytes, p.ioReadBytes, ms),
      ioWriteRate: rate(prev?.ioWriteBytes, p.ioWriteBytes, ms),
      netRxRate: rate(prev?.netRxBytes, p.netRxBytes, ms),
      netTxRate: rate(prev?.netTxBytes, p.netTxBytes, ms),
      pids: p.pids,
      ...noExtras,
    };
  });
}

/** One live sample (plus the previous one for rates) → a chart point. */
export function fromLiveSample(
  sample: StatsBatchSample,
  prev: StatsBatchSample | null,
): StatsChartPoint {
  const at = Date.parse(sample.at);
  const ms = prev ? at - Date.parse(prev.at) : 0;
  const throttled = rate(prev?.cpu.throttledNs, sample.cpu.throttledNs, ms);
  return {
    at,
    cpuPercent: sample.cpuPercent,
    cpuPercentOfLimit: sample.cpu.percentOfLimit,
    memoryUsage: sample.memory.usage,
    memoryWorkingSet: sample.memory.workingSet,
    memoryCache: sample.memory.cache,
    memoryLimit: sample.memory.limit,
    ioReadRate: rate(prev?.io.readBytes, sample.io.readBytes, ms),
    ioWriteRate: rate(prev?.io.writeBytes, sample.io.writeBytes, ms),
    netRxRate: rate(prev?.net.rxBytes, sample.net.rxBytes, ms),
    netTxRate: rate(prev?.net.txBytes, sample.net.txBytes, ms),
    pids: sample.pids.current,
    pidsLimit: sample.pids.limit,
    throttledMsPerSec: throttled === null ? null : throttled / 1e6,
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
