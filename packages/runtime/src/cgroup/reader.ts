import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Stats } from './stats.js';
import { StatFiles, scratch } from './stat-file.js';
import { orNull, scanKeyValues } from './scan.js';
import { openMemory } from './memory.js';
import { MEMORY_V1, OOM_CONTROL } from './v1/memory.js';
import { openCpuV1 } from './v1/cpu.js';
import { openPids } from './v1/pids.js';
import { openBlkioV1 } from './v1/blkio.js';
import { MEMORY_V2, MEMORY_EVENTS } from './v2/memory.js';
import { openCpuV2 } from './v2/cpu.js';
import { openIoV2 } from './v2/io.js';
import { openPsi } from './v2/psi.js';

/**
 * One container's cgroup files, opened once and re-read (pread into a shared buffer) on every
 * `read()` until `close()`. A cgroup that goes away reads as nulls; it never throws for that.
 */
export interface CgroupStatsHandle {
  /**
   * One sample. Limits (CPU quota/period, memory and pids limits), the OOM-kill counter and v1's
   * user/system split change rarely: they are re-read on the first read and when `full` (the
   * default), and repeated from the last full read otherwise.
   */
  read(full?: boolean): Stats;
  /** How many of its files are open (fds held). */
  readonly openFiles: number;
  close(): void;
}

/** Reads one container's cgroup by its absolute `linux.cgroupsPath`. */
export interface CgroupReader {
  readonly version: 1 | 2;
  /** Opens the cgroup's stat files for repeated sampling; the caller must close the handle. */
  open(cgroupsPath: string): CgroupStatsHandle;
  /** One sample (opens, reads and closes the files). */
  stats(cgroupsPath: string): Promise<Stats>;
  /** OOM kills seen by the kernel (null when the cgroup or counter is gone). */
  oomKills(cgroupsPath: string): Promise<number | null>;
  /** Whether the container's cgroup exists (in the memory controller on v1). */
  exists(cgroupsPath: string): boolean;
}

/** v2 when the mount root has cgroup.controllers (pure unified); otherwise v1/hybrid. */
export function detectCgroupVersion(root = '/sys/fs/cgroup'): 1 | 2 {
  return existsSync(join(root, 'cgroup.controllers')) ? 2 : 1;
}

/** Builds a handle; if any open fails, the ones already opened are closed. */
function handle(files: StatFiles, build: () => (full: boolean) => Stats): CgroupStatsHandle {
  let sample: (full: boolean) => Stats;
  try {
    sample = build();
  } catch (err) {
    files.closeAll();
    throw err;
  }
  let first = true;
  const read = (full = true) => {
    const s = sample(full || first);
    first = false;
    return s;
  };
  return { read, openFiles: files.count, close: () => files.closeAll() };
}

function openV2(dir: string): CgroupStatsHandle {
  const files = new StatFiles();
  return handle(files, () => {
    const cpu = openCpuV2(dir, files);
    const memory = openMemory(dir, files, MEMORY_V2);
    const io = openIoV2(dir, files);
    const pids = openPids(dir, files);
    const psi = openPsi(dir, files);
    return (full: boolean) => ({
      timestampMs: Date.now(),
      cgroupVersion: 2,
      cpu: cpu(full),
      memory: memory(full),
      io: io(),
      pids: pids(full),
      psi: psi(),
      network: null,
    });
  });
}

function openV1(root: string, p: string): CgroupStatsHandle {
  const ctrl = (c: string) => join(root, c, p);
  const files = new StatFiles();
  return handle(files, () => {
    const cpu = openCpuV1(ctrl('cpu'), ctrl('cpuacct'), files);
    const memory = openMemory(ctrl('memory'), files, MEMORY_V1);
    const io = openBlkioV1(ctrl('blkio'), files);
    const pids = openPids(ctrl('pids'), files);
    return (full: boolean) => ({
      timestampMs: Date.now(),
      cgroupVersion: 1,
      cpu: cpu(full),
      memory: memory(full),
      io: io(),
      pids: pids(full),
      psi: null,
      network: null,
    });
  });
}

/** One read of one key of a `key value` file (oom_kill), null when missing. */
function readKey(path: string, table: typeof OOM_CONTROL): number | null {
  const files = new StatFiles();
  try {
    const v = scanKeyValues(scratch, files.open(path).read(scratch), table);
    return v ? orNull(v[0]!) : null;
  } finally {
    files.closeAll();
  }
}

function once(h: CgroupStatsHandle): Stats {
  try {
    return h.read();
  } finally {
    h.close();
  }
}

export function createCgroupReader(opts: { root?: string; version?: 1 | 2 } = {}): CgroupReader {
  const root = opts.root ?? '/sys/fs/cgroup';
  const version = opts.version ?? detectCgroupVersion(root);
  if (version === 2) {
    return {
      version,
      exists: (p) => existsSync(join(root, p)),
      open: (p) => openV2(join(root, p)),
      stats: async (p) => once(openV2(join(root, p))),
      oomKills: async (p) => readKey(join(root, p, 'memory.events'), MEMORY_EVENTS),
    };
  }
  return {
    version,
    exists: (p) => existsSync(join(root, 'memory', p)),
    open: (p) => openV1(root, p),
    stats: async (p) => once(openV1(root, p)),
    oomKills: async (p) => readKey(join(root, 'memory', p, 'memory.oom_control'), OOM_CONTROL),
  };
}
