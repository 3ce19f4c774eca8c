import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OciRuntime } from '../oci-runtime/types.js';
import type { NetworkManager } from '../network/network-manager.js';
import type { VolumeStore } from '../volume/volume-store.js';
import type { CgroupReader } from '../cgroup/reader.js';
import type { RunConfig } from '../oci-spec/options.js';
import type { HostConfinement } from '../oci-spec/confinement.js';

/** Supplies a container's root filesystem (the image modules plug in here). */
export interface RootfsProvider {
  /**
   * Returns a directory ready to be the container's root (e.g. a mounted overlay). Idempotent:
   * called again before each start, it returns the rootfs as it is, or mounts it again from
   * what it keeps on disk when a host reboot unmounted it.
   */
  prepare(id: string, image: { ref?: string; config: RunConfig }): Promise<{ path: string }>;
  /** Undoes prepare (unmount, delete upper/work); must be idempotent. */
  release(id: string): Promise<void>;
}

export type ContainerEventType =
  | 'create'
  | 'start'
  | 'exit'
  | 'oom'
  | 'pause'
  | 'unpause'
  | 'rename'
  | 'update'
  | 'restart-scheduled'
  | 'remove';

export interface ContainerEvent {
  type: ContainerEventType;
  id: string;
  name: string;
  exitCode?: number;
  oomKilled?: boolean;
  timestamp: string;
}

export interface ContainerManagerOptions {
  dataRoot: string;
  execRoot: string;
  rootfs: RootfsProvider;
  runtime: OciRuntime;
  network: NetworkManager;
  volumes: VolumeStore;
  cgroups: CgroupReader;
  conmonPath?: string;
  /** Absolute cgroup parent; `/berth` by default. */
  cgroupParent?: string;
  /** catatonit or tini for `init: true`; auto-detected when omitted. */
  initBinary?: string;
  /** conmon `--log-size-max` in bytes (default 10 MiB). */
  logSizeMax?: number;
  /** How often exit files are polled besides fs.watch (default 500 ms). */
  exitPollMs?: number;
  hostResolvConf?: string;
  /** What this host can enforce (seccomp, AppArmor, rro); detected by openContainerManager. */
  confinement: HostConfinement;
  onEvent?: (e: ContainerEvent) => void;
}

export function detectInitBinary(): string | undefined {
  return [
    '/usr/bin/catatonit',
    '/usr/libexec/podman/catatonit',
    '/usr/bin/tini',
    '/sbin/tini',
  ].find((p) => existsSync(p));
}

/** Where things live for one container (architecture.md's on-disk layout). */
export function containerPaths(dataRoot: string, execRoot: string, id: string) {
  const dir = join(dataRoot, 'containers', id);
  const bundle = join(dir, 'bundle');
  return {
    dir,
    bundle,
    config: join(bundle, 'config.json'),
    pidFile: join(bundle, 'pid'),
    conmonPidFile: join(bundle, 'conmon.pid'),
    persistDir: join(dir, 'persist'),
    logPath: join(dir, 'ctr.log'),
    hosts: join(dir, 'hosts'),
    hostname: join(dir, 'hostname'),
    resolvConf: join(dir, 'resolv.conf'),
    exitDir: join(execRoot, 'exits'),
    socketDir: join(execRoot, 'socks'),
  };
}
