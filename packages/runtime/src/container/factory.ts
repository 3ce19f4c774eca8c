import { join } from 'node:path';
import { chooseRuntime, createRuntime, detectRuntimeHostFacts } from '../oci-runtime/select.js';
import { NetworkManager, type NetworkManagerOptions } from '../network/network-manager.js';
import { VolumeStore } from '../volume/volume-store.js';
import { createCgroupReader } from '../cgroup/reader.js';
import { ContainerManager } from './manager.js';
import type { ContainerManagerOptions, RootfsProvider } from './deps.js';
import type { OciRuntime } from '../oci-runtime/types.js';
import { detectHostConfinement } from '../confinement/detect.js';

export interface OpenContainersOptions extends Partial<
  Omit<ContainerManagerOptions, 'dataRoot' | 'execRoot' | 'rootfs'>
> {
  /** Told when AppArmor is on but the default profile cannot be loaded. */
  onWarning?: (message: string) => void;
  dataRoot: string;
  execRoot: string;
  rootfs: RootfsProvider;
  /** Bridge network settings (name, bridge, subnet). */
  bridge?: Omit<NetworkManagerOptions, 'dataRoot'>;
  runtime?: OciRuntime;
}

/**
 * Composes the default pieces (runc under `<exec-root>/runc`, or crun on pure cgroup v2 hosts; CNI
 * bridge; volumes; cgroupfs; the host's confinement: seccomp, AppArmor, rro), opens the manager
 * and reconciles.
 */
export async function openContainerManager(o: OpenContainersOptions) {
  const holder: { manager?: ContainerManager } = {};
  const runtime = o.runtime ?? createRuntime(chooseRuntime(detectRuntimeHostFacts()), o.execRoot);
  const deps: ContainerManagerOptions = {
    ...o,
    runtime,
    confinement:
      o.confinement ??
      (await detectHostConfinement({ runtimeBinary: runtime.binary, onWarning: o.onWarning })),
    network: o.network ?? new NetworkManager({ dataRoot: o.dataRoot, ...o.bridge }),
    volumes:
      o.volumes ??
      new VolumeStore(o.dataRoot, (name) =>
        (holder.manager?.list() ?? []).some((r) => r.volumes.includes(name)),
      ),
    cgroups: o.cgroups ?? createCgroupReader(),
    hostResolvConf: o.hostResolvConf ?? join('/etc', 'resolv.conf'),
  };
  const opened = await ContainerManager.open(deps);
  holder.manager = opened.manager;
  return opened;
}
