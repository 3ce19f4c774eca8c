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

/** Gauges kept as Float32 in the rings (io/net rates stay Float64). */
export const FLOAT32_POINT_FIELDS = [
  'cpuPercent',
  'cpuPercentOfLimit',
  'memoryUsage',
  'memoryWorkingSet',
  'memoryLimit',
  'pids',
] as const satisfies readonly PointField[];

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
