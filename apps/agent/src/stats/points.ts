import type { Stats } from '@berth/runtime';
import type { StatsPoint } from '@berth/protocol';
import type { CpuPercents } from './cpu-tracker.js';

export const POINT_FIELDS = [
  'cpuPercent',
  'cpuPercentOfLimit',
  'memoryUsage',
  'memoryWorkingSet',
  'memoryLimit',
  'ioReadBytes',
  'ioWriteBytes',
  'netRxBytes',
  'netTxBytes',
  'pids',
] as const satisfies readonly Exclude<keyof StatsPoint, 'at'>[];
export type PointField = (typeof POINT_FIELDS)[number];

/** Gauges kept as Float32 in the rings (counters — io/net bytes — stay Float64 for their rates). */
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
export function toStatsPoint(s: Stats, cpu: CpuPercents): StatsPoint {
  return {
    at: s.timestampMs,
    cpuPercent: cpu.cpuPercent,
    cpuPercentOfLimit: cpu.cpuPercentOfLimit,
    memoryUsage: s.memory.usage,
    memoryWorkingSet: s.memory.workingSet,
    memoryLimit: s.memory.limit,
    ioReadBytes: s.io.readBytes,
    ioWriteBytes: s.io.writeBytes,
    netRxBytes: s.network?.rxBytes ?? null,
    netTxBytes: s.network?.txBytes ?? null,
    pids: s.pids.current,
  };
}
