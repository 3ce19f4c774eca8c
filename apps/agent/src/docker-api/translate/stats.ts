import type { Stats } from '@berth/runtime';
import type { RecentReadings, TickReading } from '../../stats/sampler.js';
import type { DockerCpuStats, DockerStats } from '../types/stats.js';
import { ZERO_TIME } from './inspect.js';
import { isoTime } from '@berth/log';

/** One reading: the container's cgroup stats and the host's CPU time at the same moment. */
export interface StatsReading {
  stats: Stats;
  /** Host CPU time in ns (`/proc/stat`), Docker's `system_cpu_usage`. */
  systemNs: number;
}

export interface StatsMeta {
  id: string;
  name: string;
  onlineCpus: number;
  /** Reported as the limit of a container without one (as Docker does). */
  hostMemory: number;
}

/** Pure: `/proc/stat`'s `cpu` line → total host CPU time in ns (USER_HZ = 100). */
export function parseSystemCpuNs(procStat: string, userHz = 100): number | null {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1, 8).map(Number);
  if (fields.length < 7 || fields.some((n) => !Number.isFinite(n))) return null;
  return (fields.reduce((a, b) => a + b, 0) * 1e9) / userHz;
}

const EMPTY_CPU: DockerCpuStats = {
  cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
};

function cpuOf(r: StatsReading, onlineCpus: number): DockerCpuStats {
  const c = r.stats.cpu;
  return {
    cpu_usage: {
      total_usage: c.usageNs ?? 0,
      usage_in_kernelmode: c.systemNs ?? 0,
      usage_in_usermode: c.userNs ?? 0,
    },
    system_cpu_usage: r.systemNs,
    online_cpus: onlineCpus,
    throttling_data: {
      periods: c.periods ?? 0,
      throttled_periods: c.throttledPeriods ?? 0,
      throttled_time: c.throttledNs ?? 0,
    },
  };
}

function blkio(op: 'read' | 'write', v: number | null) {
  return v === null ? [] : [{ major: 0, minor: 0, op: op === 'read' ? 'Read' : 'Write', value: v }];
}

/**
 * Pure: Berth's readings → Docker's stats JSON, so `docker stats` computes its columns:
 * CPU % = Δtotal_usage / Δsystem_cpu_usage × online_cpus × 100 (precpu = the previous reading),
 * memory = usage − `total_inactive_file`/`inactive_file` (usage − working set), net = Σ networks,
 * block I/O = io_service_bytes_recursive Read/Write, pids = pids_stats.current.
 */
export function toDockerStats(
  cur: StatsReading,
  pre: StatsReading | null,
  meta: StatsMeta,
): DockerStats {
  const s = cur.stats;
  const m = s.memory;
  const inactive =
    m.usage !== null && m.workingSet !== null ? Math.max(0, m.usage - m.workingSet) : null;
  const memStats: Record<string, number> = {};
  if (inactive !== null) {
    memStats.total_inactive_file = inactive;
    memStats.inactive_file = inactive;
  }
  if (m.cache !== null) memStats.cache = m.cache;
  if (m.rss !== null) memStats.rss = m.rss;
  if (m.swap !== null) memStats.swap = m.swap;
  const n = s.network;
  return {
    read: isoTime(s.timestampMs),
    preread: pre ? isoTime(pre.stats.timestampMs) : ZERO_TIME,
    pids_stats: {
      ...(s.pids.current !== null ? { current: s.pids.current } : {}),
      ...(s.pids.limit !== null ? { limit: s.pids.limit } : {}),
    },
    blkio_stats: {
      io_service_bytes_recursive: [
        ...blkio('read', s.io.readBytes),
        ...blkio('write', s.io.writeBytes),
      ],
      io_serviced_recursive: [...blkio('read', s.io.readOps), ...blkio('write', s.io.writeOps)],
      io_queue_recursive: null,
      io_service_time_recursive: null,
      io_wait_time_recursive: null,
      io_merged_recursive: null,
      io_time_recursive: null,
      sectors_recursive: null,
    },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: cpuOf(cur, meta.onlineCpus),
    precpu_stats: pre ? cpuOf(pre, meta.onlineCpus) : EMPTY_CPU,
    memory_stats: {
      ...(m.usage !== null ? { usage: m.usage } : {}),
      stats: memStats,
      limit: m.limit ?? meta.hostMemory,
    },
    name: `/${meta.name}`,
    id: meta.id,
    ...(n
      ? {
          networks: {
            eth0: {
              rx_bytes: n.rxBytes,
              rx_packets: n.rxPackets,
              rx_errors: n.rxErrors,
              rx_dropped: 0,
              tx_bytes: n.txBytes,
              tx_packets: n.txPackets,
              tx_errors: n.txErrors,
              tx_dropped: 0,
            },
          },
        }
      : {}),
  };
}

/** Pure: what `docker stats` prints as CPU % from one JSON (its own formula, for tests). */
export function dockerCliCpuPercent(s: DockerStats): number {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const sysDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  if (cpuDelta <= 0 || sysDelta <= 0) return 0;
  return (cpuDelta / sysDelta) * (s.cpu_stats.online_cpus ?? 1) * 100;
}

const fromTick = (t: TickReading): StatsReading => ({
  stats: t.stats,
  systemNs: t.systemCpuNs ?? 0,
});

/**
 * Pure: a one-time answer (`stream=false`) from the sampler's recent readings of the container's
 * current run (`pid`): the latest tick, with the one before as precpu; one-shot without precpu
 * (as Docker's). Null when they are of another run or there is no earlier tick for a precpu:
 * the caller reads the cgroup itself.
 */
export function statsFromRecent(
  recent: RecentReadings | null | undefined,
  pid: number | null,
  oneShot: boolean,
  meta: StatsMeta,
): DockerStats | null {
  if (!recent || recent.pid !== pid) return null;
  if (oneShot) return toDockerStats(fromTick(recent.current), null, meta);
  if (!recent.previous) return null;
  return toDockerStats(fromTick(recent.current), fromTick(recent.previous), meta);
}

/**
 * Pure: the sampler's reading of this run (`pid`) to serve as precpu for a reading taken now,
 * when it is at least `minGapMs` older (a CPU % over a shorter window says little); else null.
 */
export function earlierTick(
  recent: RecentReadings | null | undefined,
  pid: number | null,
  now: StatsReading,
  minGapMs: number,
): StatsReading | null {
  if (!recent || recent.pid !== pid) return null;
  const t = recent.current;
  return now.stats.timestampMs - t.stats.timestampMs >= minGapMs ? fromTick(t) : null;
}
