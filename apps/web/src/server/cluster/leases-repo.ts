import type { Db } from '../database/client.js';

/**
 * ClusterLease rows: one per fleet-wide job. Taking or renewing is one conditional UPDATE
 * (held by me, or expired) or, for a new name, one INSERT that fails on the primary key when
 * another replica got there first — atomic on PostgreSQL and SQLite alike.
 */
export function createLeasesRepo(db: Db) {
  return {
    /** True when `holder` holds `name` until `expiresAt` after this call. */
    async acquire(name: string, holder: string, now: Date, expiresAt: Date): Promise<boolean> {
      const taken = await db.clusterLease.updateMany({
        where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
        data: { holder, expiresAt },
      });
      if (taken.count === 1) return true;
      try {
        await db.clusterLease.create({ data: { name, holder, expiresAt } });
        return true;
      } catch {
        return false; // exists and held by another replica
      }
    },
    /** Gives the lease up at once (a clean shutdown), if still ours. */
    async release(name: string, holder: string): Promise<void> {
      await db.clusterLease.deleteMany({ where: { name, holder } });
    },
    holderOf: async (name: string) =>
      (await db.clusterLease.findUnique({ where: { name } }))?.holder ?? null,
  };
}
export type LeasesRepo = ReturnType<typeof createLeasesRepo>;
