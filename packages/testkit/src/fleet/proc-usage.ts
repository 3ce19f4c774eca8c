import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds (user + system) a process has used so far; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

/** Resident memory in MiB; null when the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** Watches processes: average cores between `start()` and `stop()`, peak RSS sampled each second. */
export function usageMeter(pids: readonly number[]) {
  const start = new Map<number, number | null>();
  const peak = new Map<number, number>();
  let t0 = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    for (const pid of pids) {
      const r = rssMb(pid);
      if (r !== null) peak.set(pid, Math.max(peak.get(pid) ?? 0, r));
    }
  };
  return {
    start() {
      t0 = Date.now();
      for (const pid of pids) start.set(pid, cpuSeconds(pid));
      sample();
      timer = setInterval(sample, 1000);
      timer.unref();
    },
    /** Per pid: cores used on average (null when it died) and peak RSS. */
    stop(): Map<number, { cpuCores: number | null; rssMb: number | null }> {
      if (timer) clearInterval(timer);
      sample();
      const wall = (Date.now() - t0) / 1000;
      const out = new Map<number, { cpuCores: number | null; rssMb: number | null }>();
      for (const pid of pids) {
        const a = start.get(pid);
        const b = cpuSeconds(pid);
        out.set(pid, {
          cpuCores: a === null || a === undefined || b === null ? null : (b - a) / wall,
          rssMb: peak.get(pid) ?? null,
        });
      }
      return out;
    },
  };
}
