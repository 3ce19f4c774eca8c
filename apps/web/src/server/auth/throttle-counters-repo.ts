import type { Db } from '../database/client.js';

/** ThrottleCounter rows (times as ms); every write is a single atomic statement. */
export function createThrottleCountersRepo(db: Db) {
  return {
    async get(key: string) {
      const r = await db.throttleCounter.findUnique({ where: { key } });
      return r
        ? {
            failures: r.failures,
            lastFailureAt: r.lastFailureAt.getTime(),
            blockedUntil: r.blockedUntil.getTime(),
          }
        : null;
    },
    /** Deletes the key when it is neither blocked nor failed within `forgetAfterMs`. */
    async forgetIfQuiet(key: string, t: number, forgetAfterMs: number) {
      await db.throttleCounter.deleteMany({
        where: {
          key,
          blockedUntil: { lte: new Date(t) },
          lastFailureAt: { lte: new Date(t - forgetAfterMs) },
        },
      });
    },
    /** One more failure at `t`; returns the new count. */
    async increment(key: string, t: number): Promise<number> {
      const at = new Date(t);
      const row = await db.throttleCounter.upsert({
        where: { key },
        create: { key, failures: 1, lastFailureAt: at, blockedUntil: at },
        update: { failures: { increment: 1 }, lastFailureAt: at },
      });
      return row.failures;
    },
    /** blockedUntil = max(blockedUntil, until); returns the stored value. */
    async raiseBlock(key: string, until: number): Promise<number> {
      await db.throttleCounter.updateMany({
        where: { key, blockedUntil: { lt: new Date(until) } },
        data: { blockedUntil: new Date(until) },
      });
      const row = await db.throttleCounter.findUnique({ where: { key } });
      return row ? row.blockedUntil.getTime() : until;
    },
    remove: async (key: string) => void (await db.throttleCounter.deleteMany({ where: { key } })),
    /** Retention: rows quiet for `forgetAfterMs` and not blocked. */
    async sweep(t: number, forgetAfterMs: number): Promise<number> {
      const res = await db.throttleCounter.deleteMany({
        where: {
          blockedUntil: { lte: new Date(t) },
          lastFailureAt: { lte: new Date(t - forgetAfterMs) },
        },
      });
      return res.count;
    },
  };
}
export type ThrottleCountersRepo = ReturnType<typeof createThrottleCountersRepo>;
