import type { Db } from '../database/client.js';
import type { RollupBucket } from './rollup.js';

const big = (v: number | null) => (v === null ? null : BigInt(Math.round(v)));
const num = (v: bigint | null) => (v === null ? null : Number(v));

export interface RollupRow extends RollupBucket {
  containerId: string;
}

const toData = (r: RollupRow) => ({
  containerId: r.containerId,
  minute: new Date(r.minute),
  samples: r.samples,
  cpuPercentAvg: r.cpuPercentAvg,
  cpuPercentMax: r.cpuPercentMax,
  cpuThrottledNs: null,
  memoryUsageAvg: big(r.memoryUsageAvg),
  memoryUsageMax: big(r.memoryUsageMax),
  memoryWorkingSet: big(r.memoryWorkingSet),
  memoryLimit: big(r.memoryLimit),
  ioReadBytes: big(r.ioReadBytes),
  ioWriteBytes: big(r.ioWriteBytes),
  pidsMax: r.pidsMax === null ? null : Math.round(r.pidsMax),
  netRxBytes: big(r.netRxBytes),
  netTxBytes: big(r.netTxBytes),
});

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
    /**
     * Stores container-minutes in one transaction: the batch's keys are cleared (a minute rolled
     * up again after a restart or a failover replaces its row), then one multi-row insert.
     */
    async writeMany(rows: RollupRow[]): Promise<void> {
      if (rows.length === 0) return;
      const byMinute = new Map<number, string[]>();
      for (const r of rows) {
        const ids = byMinute.get(r.minute);
        if (ids) ids.push(r.containerId);
        else byMinute.set(r.minute, [r.containerId]);
      }
      await db.$transaction(async (tx) => {
        await tx.statsRollup.deleteMany({
          where: {
            OR: [...byMinute].map(([minute, ids]) => ({
              minute: new Date(minute),
              containerId: { in: ids },
            })),
          },
        });
        await tx.statsRollup.createMany({ data: rows.map(toData) });
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
    /**
     * Retention: delete rollups of minutes before `beforeMs`; returns how many. In windows of
     * `windowMs` from the oldest minute on (indexed), so with 10 000 containers one statement
     * deletes ≈ 100 000 rows at most instead of an hour's 600 000 in one transaction.
     */
    async prune(beforeMs: number, windowMs = 10 * 60_000): Promise<number> {
      let count = 0;
      for (;;) {
        const oldest = await db.statsRollup.findFirst({
          where: { minute: { lt: new Date(beforeMs) } },
          orderBy: { minute: 'asc' },
          select: { minute: true },
        });
        if (!oldest) return count;
        const end = Math.min(beforeMs, oldest.minute.getTime() + windowMs);
        const res = await db.statsRollup.deleteMany({ where: { minute: { lt: new Date(end) } } });
        count += res.count;
      }
    },
  };
}
export type RollupsRepo = ReturnType<typeof createRollupsRepo>;
