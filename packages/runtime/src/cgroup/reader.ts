import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadText, Stats } from './stats.js';
import { statMemoryV1 } from './v1/memory.js';
import { statCpuV1 } from './v1/cpu.js';
import { statPids } from './v1/pids.js';
import { statBlkioV1 } from './v1/blkio.js';
import { statMemoryV2 } from './v2/memory.js';
import { statCpuV2 } from './v2/cpu.js';
import { statIoV2 } from './v2/io.js';
import { statPsi } from './v2/psi.js';
import { parseKeyValue, pick } from './parse.js';

export const readText: ReadText = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTSUP' || code === 'EINVAL') return null;
    throw err;
  }
};

/** Reads one container's cgroup by its absolute `linux.cgroupsPath`. */
export interface CgroupReader {
  readonly version: 1 | 2;
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

export function createCgroupReader(
  opts: { root?: string; version?: 1 | 2; read?: ReadText } = {},
): CgroupReader {
  const root = opts.root ?? '/sys/fs/cgroup';
  const read = opts.read ?? readText;
  const version = opts.version ?? detectCgroupVersion(root);
  if (version === 2) {
    return {
      version,
      exists: (p) => existsSync(join(root, p)),
      async oomKills(p) {
        return pick(parseKeyValue(await read(join(root, p, 'memory.events'))), 'oom_kill');
      },
      async stats(p) {
        const dir = join(root, p);
        const [cpu, memory, io, pids, psi] = await Promise.all([
          statCpuV2(dir, read),
          statMemoryV2(dir, read),
          statIoV2(dir, read),
          statPids(dir, read),
          statPsi(dir, read),
        ]);
        return {
          timestampMs: Date.now(),
          cgroupVersion: 2,
          cpu,
          memory,
          io,
          pids,
          psi,
          network: null,
        };
      },
    };
  }
  const ctrl = (c: string, p: string) => join(root, c, p);
  return {
    version,
    exists: (p) => existsSync(ctrl('memory', p)),
    async oomKills(p) {
      return pick(
        parseKeyValue(await read(join(ctrl('memory', p), 'memory.oom_control'))),
        'oom_kill',
      );
    },
    async stats(p) {
      const [cpu, memory, io, pids] = await Promise.all([
        statCpuV1(ctrl('cpu', p), ctrl('cpuacct', p), read),
        statMemoryV1(ctrl('memory', p), read),
        statBlkioV1(ctrl('blkio', p), read),
        statPids(ctrl('pids', p), read),
      ]);
      return {
        timestampMs: Date.now(),
        cgroupVersion: 1,
        cpu,
        memory,
        io,
        pids,
        psi: null,
        network: null,
      };
    },
  };
}
