import { NetDevFile } from '../cgroup/net-dev.js';
import type { CgroupReader } from '../cgroup/reader.js';
import type { Stats } from '../cgroup/stats.js';

/**
 * A running container's stat files (its cgroup's plus its netns' `/proc/<pid>/net/dev`), opened
 * once and re-read per sample. Bound to one run (pid): after a restart, open a new one. Close it
 * when sampling stops; after the container exits its reads give nulls, never throw.
 */
export interface ContainerStatsHandle {
  readonly pid: number;
  /** fds held by this handle. */
  readonly openFiles: number;
  /**
   * One sample; the network counters only when `network` (else `network: null`). Limits and
   * other rarely changing files are re-read only when `full` (default; see CgroupStatsHandle).
   */
  read(network: boolean, full?: boolean): Stats;
  close(): void;
}

export function openContainerStats(
  cgroups: CgroupReader,
  run: { cgroupsPath: string; pid: number },
): ContainerStatsHandle {
  const cgroup = cgroups.open(run.cgroupsPath);
  let net: NetDevFile;
  try {
    net = new NetDevFile(run.pid);
  } catch (err) {
    cgroup.close();
    throw err;
  }
  return {
    pid: run.pid,
    openFiles: cgroup.openFiles + 1,
    read(network, full = true) {
      const s = cgroup.read(full);
      if (network) s.network = net.read();
      return s;
    },
    close() {
      cgroup.close();
      net.close();
    },
  };
}
