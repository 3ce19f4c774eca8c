import type { StatsPoint } from '@berth/protocol';

export const MINUTE_MS = 60_000;

/** One container-minute, as stored in StatsRollup (bytes: moved within it). */
export interface RollupBucket {
  minute: number;
  samples: number;
  cpuPercentAvg: number | null;
  cpuPercentMax: number | null;
  memoryUsageAvg: number | null;
  memoryUsageMax: number | null;
  memoryWorkingSet: number | null;
  memoryLimit: number | null;
  ioReadBytes: number | null;
  ioWriteBytes: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
  pidsMax: number | null;
}

export const minuteOf = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

class Mean {
  sum = 0;
  n = 0;
  max: number | null = null;
  add(v: number | null) {
    if (v === null) return;
    this.sum += v;
    this.n++;
    this.max = this.max === null ? v : Math.max(this.max, v);
  }
  avg() {
    return this.n === 0 ? null : this.sum / this.n;
  }
}

/** Bytes moved in a minute: each point's rate (the agent's) over the time since the point before. */
class Volume {
  total: number | null = null;
  add(rate: number | null, ms: number) {
    if (rate === null || ms <= 0) return;
    this.total = (this.total ?? 0) + (rate * ms) / 1000;
  }
}

interface Acc {
  samples: number;
  cpu: Mean;
  mem: Mean;
  ws: Mean;
  limit: number | null;
  pids: Mean;
  ioR: Volume;
  ioW: Volume;
  rx: Volume;
  tx: Volume;
}

const newAcc = (): Acc => ({
  samples: 0,
  cpu: new Mean(),
  mem: new Mean(),
  ws: new Mean(),
  limit: null,
  pids: new Mean(),
  ioR: new Volume(),
  ioW: new Volume(),
  rx: new Volume(),
  tx: new Volume(),
});

/**
 * Folds the agent's 1 s points (oldest first) into 1-minute buckets: only minutes starting at or
 * after `fromMs` and already complete at `nowMs`. Bytes are each point's rate over the time since
 * the point before, in the minute of the later point (the agent owns the rates). Pure and
 * idempotent: the same points give the same buckets.
 */
export function rollupPoints(
  points: readonly StatsPoint[],
  opts: { fromMs: number; nowMs: number },
): RollupBucket[] {
  const first =
    minuteOf(opts.fromMs) === opts.fromMs ? opts.fromMs : minuteOf(opts.fromMs) + MINUTE_MS;
  const end = minuteOf(opts.nowMs);
  const accs = new Map<number, Acc>();
  let prev: StatsPoint | undefined;
  for (const p of points) {
    const minute = minuteOf(p.at);
    if (minute >= first && minute < end) {
      let acc = accs.get(minute);
      if (!acc) accs.set(minute, (acc = newAcc()));
      acc.samples++;
      acc.cpu.add(p.cpuPercent);
      acc.mem.add(p.memoryUsage);
      acc.ws.add(p.memoryWorkingSet);
      acc.pids.add(p.pids);
      if (p.memoryLimit !== null) acc.limit = p.memoryLimit;
      const ms = prev ? p.at - prev.at : 0;
      acc.ioR.add(p.ioReadRate, ms);
      acc.ioW.add(p.ioWriteRate, ms);
      acc.rx.add(p.netRxRate, ms);
      acc.tx.add(p.netTxRate, ms);
    }
    prev = p;
  }
  return [...accs.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([minute, a]) => ({
      minute,
      samples: a.samples,
      cpuPercentAvg: a.cpu.avg(),
      cpuPercentMax: a.cpu.max,
      memoryUsageAvg: a.mem.avg(),
      memoryUsageMax: a.mem.max,
      memoryWorkingSet: a.ws.avg(),
      memoryLimit: a.limit,
      ioReadBytes: a.ioR.total,
      ioWriteBytes: a.ioW.total,
      netRxBytes: a.rx.total,
      netTxBytes: a.tx.total,
      pidsMax: a.pids.max,
    }));
}

/** Where the next rollup of a container starts: after its last written minute, else the ring's start. */
export function nextRollupFrom(
  lastMinute: number | undefined,
  nowMs: number,
  ringMs: number,
): number {
  const earliest = minuteOf(nowMs - ringMs) + MINUTE_MS;
  return lastMinute === undefined ? earliest : Math.max(earliest, lastMinute + MINUTE_MS);
}
