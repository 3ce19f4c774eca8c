import { percentOfHost, percentOfLimit, type Stats } from '@berth/runtime';
import type { StatsRates } from '@berth/protocol';

export interface CpuPercents {
  /** Of the whole host, 0–100. */
  cpuPercent: number | null;
  /** Of the container's CFS quota; null without a quota. */
  cpuPercentOfLimit: number | null;
}

/** Every number the agent derives from two consecutive samples: it is their one owner. */
export type Derived = CpuPercents & StatsRates;

/** The first sample of a run (and any counter reset) derives nulls, never a made-up 0. */
export function unknownDerived(): Derived {
  return {
    cpuPercent: null,
    cpuPercentOfLimit: null,
    ioReadRate: null,
    ioWriteRate: null,
    netRxRate: null,
    netTxRate: null,
    throttledMsPerSec: null,
  };
}

/** Pure: per-second rate of a cumulative counter; null when unknown or the counter went back. */
export function rate(
  prev: number | null | undefined,
  next: number | null | undefined,
  ms: number,
): number | null {
  if (prev === null || prev === undefined || next === null || next === undefined) return null;
  if (ms <= 0 || next < prev) return null;
  return ((next - prev) * 1000) / ms;
}

/** Pure: CPU percentages and counter rates between two samples of one container. */
export function derive(prev: Stats, cur: Stats, onlineCpus: number): Derived {
  const ms = cur.timestampMs - prev.timestampMs;
  const before = { usageNs: prev.cpu.usageNs, timestampMs: prev.timestampMs };
  const now = { usageNs: cur.cpu.usageNs, timestampMs: cur.timestampMs };
  const host = percentOfHost(before, now, onlineCpus);
  const throttled = rate(prev.cpu.throttledNs, cur.cpu.throttledNs, ms);
  return {
    cpuPercent: host === null ? null : Math.min(100, host),
    cpuPercentOfLimit: percentOfLimit(before, now, cur.cpu),
    ioReadRate: rate(prev.io.readBytes, cur.io.readBytes, ms),
    ioWriteRate: rate(prev.io.writeBytes, cur.io.writeBytes, ms),
    netRxRate: rate(prev.network?.rxBytes, cur.network?.rxBytes, ms),
    netTxRate: rate(prev.network?.txBytes, cur.network?.txBytes, ms),
    throttledMsPerSec: throttled === null ? null : throttled / 1e6,
  };
}
