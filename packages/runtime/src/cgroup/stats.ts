/** Normalized cgroup statistics (architecture.md): v1 and v2 give the same fields; unknown = null. */
export interface CpuStats {
  usageNs: number | null;
  userNs: number | null;
  systemNs: number | null;
  /** CFS quota/period in µs; null when unlimited. */
  quotaUs: number | null;
  periodUs: number | null;
  periods: number | null;
  throttledPeriods: number | null;
  throttledNs: number | null;
}

export interface MemoryStats {
  usage: number | null;
  /** null when unlimited. */
  limit: number | null;
  workingSet: number | null;
  rss: number | null;
  cache: number | null;
  swap: number | null;
  oomKills: number | null;
}

export interface IoStats {
  readBytes: number | null;
  writeBytes: number | null;
  readOps: number | null;
  writeOps: number | null;
}

export interface PidsStats {
  current: number | null;
  limit: number | null;
}

export interface PressureWindow {
  avg10: number;
  avg60: number;
}

export interface Pressure {
  some: PressureWindow | null;
  full: PressureWindow | null;
}

export interface PsiStats {
  cpu: Pressure | null;
  memory: Pressure | null;
  io: Pressure | null;
}

export interface NetworkStats {
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
  rxErrors: number;
  txErrors: number;
}

export interface Stats {
  /** Milliseconds since the epoch when sampled. */
  timestampMs: number;
  cgroupVersion: 1 | 2;
  cpu: CpuStats;
  memory: MemoryStats;
  io: IoStats;
  pids: PidsStats;
  /** v2 only; null on v1. */
  psi: PsiStats | null;
  /** From the container's netns; null when not read. */
  network: NetworkStats | null;
}
