import type { Stats } from '@berth/runtime';
import type { StatsPoint } from '@berth/protocol';
import type { Derived } from './derived.js';

export const POINT_FIELDS = [
  'cpuPercent',
  'cpuPercentOfLimit',
  'memoryUsage',
  'memoryWorkingSet',
  'memoryLimit',
  'ioReadRate',
  'ioWriteRate',
  'netRxRate',
  'netTxRate',
  'pids',
] as const satisfies readonly Exclude<keyof StatsPoint, 'at'>[];
export type PointField = (typeof POINT_FIELDS)[number];

/**
 * Kept as Float32 in the rings: all of them. Each is a gauge (CPU %, bytes, pids) or a per-second
 * rate (io, net) — none is a cumulative counter whose differences need Float64 — and 7 significant
 * digits are plenty for a chart (a ring row is then 8 + 10 × 4 bytes: 200 containers × 15 min at
 * 1 s ≈ 8.6 MB instead of 11.5 MB with the rates as Float64).
 */
export const FLOAT32_POINT_FIELDS = POINT_FIELDS;

export const HOST_FIELDS = ['cpuPercent', 'memoryUsed', 'memoryTotal', 'cpus'] as const;
export type HostField = (typeof HOST_FIELDS)[number];

/** Pure: the compact history point of one sample (nulls stay null). */
export function toStatsPoint(s: Stats, d: Derived): StatsPoint {
  return {
    at: s.timestampMs,
    cpuPercent: d.cpuPercent,
    cpuPercentOfLimit: d.cpuPercentOfLimit,
    memoryUsage: s.memory.usage,
    memoryWorkingSet: s.memory.workingSet,
    memoryLimit: s.memory.limit,
    ioReadRate: d.ioReadRate,
    ioWriteRate: d.ioWriteRate,
    netRxRate: d.netRxRate,
    netTxRate: d.netTxRate,
    pids: s.pids.current,
  };
}
