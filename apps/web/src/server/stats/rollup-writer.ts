import type { RollupRow } from './rollups-repo.js';

export const ROLLUP_FLUSH_MS = 5_000;
/** Rows above which a flush starts at once instead of at the next tick. */
export const ROLLUP_FLUSH_ROWS = 5_000;
/** Rows kept for a retry while the database fails; the oldest go first beyond this. */
export const ROLLUP_MAX_PENDING = 100_000;

export interface RollupSink {
  /** Writes (inserts or replaces) the rows in one multi-row statement set. */
  writeMany(rows: RollupRow[]): Promise<void>;
}

const keyOf = (r: RollupRow) => `${r.containerId}\u0000${r.minute}`;

/**
 * Batches rollup rows: every host pass adds its container-minutes here and one multi-row write
 * per tick (or as soon as `flushRows` are waiting) stores everything pending, instead of one
 * statement per container-minute. The same container-minute added twice before a flush is
 * written once (the later one). A failed write keeps its rows for the next tick (bounded by
 * `maxPending`, oldest dropped first).
 */
export function createRollupWriter(deps: {
  sink: RollupSink;
  onError(err: unknown, rows: number): void;
  flushMs?: number;
  flushRows?: number;
  maxPending?: number;
}) {
  const flushRows = deps.flushRows ?? ROLLUP_FLUSH_ROWS;
  const maxPending = deps.maxPending ?? ROLLUP_MAX_PENDING;
  let pending = new Map<string, RollupRow>();
  let writing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), deps.flushMs ?? ROLLUP_FLUSH_MS);
  timer.unref();

  function keep(rows: Iterable<RollupRow>) {
    for (const r of rows) {
      const k = keyOf(r);
      pending.delete(k); // re-inserted last: Map order is oldest first
      pending.set(k, r);
    }
    for (const k of pending.keys()) {
      if (pending.size <= maxPending) break;
      pending.delete(k);
    }
  }

  /** One write of everything pending, after the previous one finished. */
  function flush(): Promise<void> {
    writing = writing.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await deps.sink.writeMany([...batch.values()]);
      } catch (err) {
        deps.onError(err, batch.size);
        // Newer rows added meanwhile win over the failed ones.
        const newer = pending;
        pending = new Map();
        keep(batch.values());
        keep(newer.values());
      }
    });
    return writing;
  }

  return {
    add(rows: readonly RollupRow[]) {
      keep(rows);
      if (pending.size >= flushRows) void flush();
    },
    get pending() {
      return pending.size;
    },
    flush,
    /** Stops the tick and writes what is pending. */
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
export type RollupWriter = ReturnType<typeof createRollupWriter>;
