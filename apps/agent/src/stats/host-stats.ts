import type { HostStatsSample } from '@berth/protocol';
import { StatFile } from '@berth/runtime';
import { availableParallelism } from 'node:os';

/** Aggregate CPU jiffies from /proc/stat's first line. */
export interface CpuTimes {
  busy: number;
  total: number;
  /**
   * user + nice + system + idle + iowait + irq + softirq (no steal): what Docker reports as
   * `system_cpu_usage` (in jiffies here).
   */
  clockTicks: number;
}

/** USER_HZ: /proc/stat's unit (100 on every Linux architecture Berth runs on). */
const USER_HZ = 100;

/** Pure: /proc/stat → the `cpu` line's busy and total jiffies; null when unparsable. */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  if (v.length < 4 || v.some((x) => !Number.isFinite(x) || x < 0)) return null;
  // user nice system idle iowait irq softirq steal [guest guest_nice — already in user/nice]
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const clockTicks = v.slice(0, 7).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total, clockTicks };
}

/** One host reading: the wire's sample plus the host's CPU time (ns) at that moment. */
export interface HostReading {
  sample: HostStatsSample;
  /** Docker's `system_cpu_usage` in ns; null when /proc/stat is unreadable. */
  systemCpuNs: number | null;
}

/** Pure: busy share of all CPUs between two readings (0–100); null when not computable. */
export function hostCpuPercent(prev: CpuTimes | null, cur: CpuTimes | null): number | null {
  if (!prev || !cur) return null;
  const dTotal = cur.total - prev.total;
  const dBusy = cur.busy - prev.busy;
  if (dTotal <= 0 || dBusy < 0) return null;
  return Math.min(100, (dBusy / dTotal) * 100);
}

/** Pure: /proc/meminfo → bytes used (MemTotal − MemAvailable) and total; null for what is missing. */
export function parseMeminfo(text: string): { used: number | null; total: number | null } {
  const kib = (key: string): number | null => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : null;
  };
  const total = kib('MemTotal');
  const available = kib('MemAvailable');
  return { total, used: total !== null && available !== null ? total - available : null };
}

/**
 * /proc files kept open and re-read from offset 0 (synchronous `pread`: procfs never blocks, and
 * a tick then never waits on libuv's thread pool).
 */
function keptOpenReader(): (path: string) => Promise<string> {
  const files = new Map<string, StatFile>();
  const buf = Buffer.allocUnsafe(64 * 1024);
  return async (path) => {
    let f = files.get(path);
    if (!f) files.set(path, (f = new StatFile(path)));
    const n = f.read(buf);
    if (n < 0) throw new Error(`cannot read ${path}`);
    return buf.toString('latin1', 0, n);
  };
}

/** Reads /proc/stat and /proc/meminfo (paths injectable for tests). */
export function createHostReader(
  opts: { procRoot?: string; read?: (p: string) => Promise<string> } = {},
) {
  const root = opts.procRoot ?? '/proc';
  const read = opts.read ?? keptOpenReader();
  const cpus = availableParallelism();
  let prev: CpuTimes | null = null;
  return async (at: number): Promise<HostReading> => {
    const stat = await read(`${root}/stat`).catch(() => '');
    const meminfo = await read(`${root}/meminfo`).catch(() => '');
    const cur = parseProcStat(stat);
    const cpuPercent = hostCpuPercent(prev, cur);
    prev = cur;
    const mem = parseMeminfo(meminfo);
    return {
      sample: { at, cpuPercent, memoryUsed: mem.used, memoryTotal: mem.total, cpus },
      systemCpuNs: cur ? (cur.clockTicks * 1e9) / USER_HZ : null,
    };
  };
}
