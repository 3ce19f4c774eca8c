import type { Db } from '../database/client.js';
import type { RollupBucket } from './rollup.js';

const big = (v: number | null) => (v === null ? null : BigInt(Math.round(v)));
const num = (v: bigint | null) => (v === null ? null : Number(v));

export interface RollupRow extends RollupBucket {
  containerId: string;
}

/** StatsRollup rows (containerId = `${hostId}:${engineId}`, the Container row's id). */
export function createRollupsRepo(db: Db) {
  return {
    /** The subset of container row ids that exist (rollups reference Container rows). */
    async existingContainers(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.container.findMany({
        where: { id: { in: ids } },
        select: { id: true },
      });
      return new Set(rows.map((r) => r.id));
    },
    async upsert(containerId: string, b: RollupBucket): Promise<void> {
      const data = {
        samples: b.samples,
        cpuPercentAvg: b.cpuPercentAvg,
        cpuPercentMax: b.cpuPercentMax,
        cpuThrottledNs: null,
        memoryUsageAvg: big(b.memoryUsageAvg),
        memoryUsageMax: big(b.memoryUsageMax),
        memoryWorkingSet: big(b.memoryWorkingSet),
        memoryLimit: big(b.memoryLimit),
        ioReadBytes: big(b.ioReadBytes),
        ioWriteBytes: big(b.ioWriteBytes),
        pidsMax: b.pidsMax === null ? null : Math.round(b.pidsMax),
        netRxBytes: big(b.netRxBytes),
        netTxBytes: big(b.netTxBytes),
      };
      const minute = new Date(b.minute);
      await db.statsRollup.upsert({
        where: { containerId_minute: { containerId, minute } },
        create: { containerId, minute, ...data },
        update: data,
      });
    },
    async range(containerId: string, fromMs: number, toMs: number): Promise<RollupRow[]> {
      const rows = await db.statsRollup.findMany({
        where: { containerId, minute: { gte: new Date(fromMs), lte: new Date(toMs) } },
        orderBy: { minute: 'asc' },
      });
      return rows.map((r) => ({
        containerId: r.containerId,
        minute: r.minute.getTime(),
        samples: r.samples,
        cpuPercentAvg: r.cpuPercentAvg,
        cpuPercentMax: r.cpuPercentMax,
        memoryUsageAvg: num(r.memoryUsageAvg),
        memoryUsageMax: num(r.memoryUsageMax),
        memoryWorkingSet: num(r.memoryWorkingSet),
        memoryLimit: num(r.memoryLimit),
        ioReadBytes: num(r.ioReadBytes),
        ioWriteBytes: num(r.ioWriteBytes),
        netRxBytes: num(r.netRxBytes),
        netTxBytes: num(r.netTxBytes),
        pidsMax: r.pidsMax,
      }));
    },
    /** Retention: delete rollups of minutes before `beforeMs`; returns how many. */
    async prune(beforeMs: number): Promise<number> {
      const res = await db.statsRollup.deleteMany({
        where: { minute: { lt: new Date(beforeMs) } },
      });
      return res.count;
    },
  };
}
export type RollupsRepo = ReturnType<typeof createRollupsRepo>;
