import type { StatsChartPoint } from '../../lib/stats/chart-points.js';
import { MINUTE_MS } from './rollup.js';
import type { RollupRow } from './rollups-repo.js';

const perSecond = (bytes: number | null) => (bytes === null ? null : (bytes * 1000) / MINUTE_MS);

/** Stored minutes → chart points (byte deltas become average rates over the minute). */
export function fromRollups(rows: readonly RollupRow[]): StatsChartPoint[] {
  return rows.map((r) => ({
    at: r.minute,
    cpuPercent: r.cpuPercentAvg,
    cpuPercentOfLimit: null,
    memoryUsage: r.memoryUsageAvg,
    memoryWorkingSet: r.memoryWorkingSet,
    memoryCache: null,
    memoryLimit: r.memoryLimit,
    ioReadRate: perSecond(r.ioReadBytes),
    ioWriteRate: perSecond(r.ioWriteBytes),
    netRxRate: perSecond(r.netRxBytes),
    netTxRate: perSecond(r.netTxBytes),
    pids: r.pidsMax,
    pidsLimit: null,
    throttledMsPerSec: null,
    psiCpu: null,
    psiMemory: null,
    psiIo: null,
  }));
}
