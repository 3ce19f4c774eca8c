import { readCpuTicks, ticksPerSecond } from '../stats/proc.js';

export interface CpuShare {
  /** CPU time over the interval in % of one core, per process label. */
  percentOfCore: Record<string, number>;
}

/** Starts counting utime+stime of the given PIDs; the returned function ends the interval. */
export async function cpuMeter(pids: Record<string, number>): Promise<() => Promise<CpuShare>> {
  const hz = await ticksPerSecond();
  const read = async () => {
    const out: Record<string, number> = {};
    for (const [label, pid] of Object.entries(pids)) out[label] = (await readCpuTicks(pid)).self;
    return out;
  };
  const before = await read();
  const t0 = Date.now();
  return async () => {
    const after = await read();
    const seconds = (Date.now() - t0) / 1000;
    const percentOfCore: Record<string, number> = {};
    for (const label of Object.keys(pids))
      percentOfCore[label] = ((after[label]! - before[label]!) / hz / seconds) * 100;
    return { percentOfCore };
  };
}

export const formatCpu = (c: CpuShare) =>
  Object.entries(c.percentOfCore)
    .map(([k, v]) => `${k} ${v.toFixed(0)} %`)
    .join(', ');
