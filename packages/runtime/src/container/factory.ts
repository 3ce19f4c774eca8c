import { join } from 'node:path';
import { chooseRuntime, createRuntime, detectRuntimeHostFacts } from '../oci-runtime/select.js';
import { NetworkManager, type NetworkManagerOptions } from '../network/network-manager.js';
import { VolumeStore } from '../volume/volume-store.js';
import { createCgroupReader } from '../cgroup/reader.js';
import { ContainerManager } from './manager.js';
import type { ContainerManagerOptions, RootfsProvider } from './deps.js';
import type { OciRuntime } from '../oci-runtime/types.js';

export interface OpenContainersOptions extends Partial<
  Omit<ContainerManagerOptions, 'dataRoot' | 'execRoot' | 'rootfs'>
> {
  dataRoot: string;
  execRoot: string;
  rootfs: RootfsProvider;
  /** The built-in network, address pools, network events (data and exec root come from here). */
  bridge?: Omit<NetworkManagerOptions, 'dataRoot' | 'execRoot'>;
  runtime?: OciRuntime;
}

/**
 * Composes the default pieces (runc under `<exec-root>/runc`, or crun on pure cgroup v2 hosts; CNI
 * bridge; volumes; cgroupfs), opens the manager and reconciles.
 */
export async function openContainerManager(o: OpenContainersOptions) {
  const holder: { manager?: ContainerManager } = {};
  const deps: ContainerManagerOptions = {
    ...o,
    runtime: o.runtime ?? createRuntime(chooseRuntime(detectRuntimeHostFacts()), o.execRoot),
    network:
      o.network ??
      new NetworkManager({
        dataRoot: o.dataRoot,
        execRoot: o.execRoot,
        ...o.bridge,
        describeContainer: (id) => {
          const rec = holder.manager?.list().find((r) => r.id === id);
          return rec ? rec.name : id.slice(0, 12);
        },
      }),
    volumes:
      o.volumes ??
      new VolumeStore(o.dataRoot, (name) =>
        (holder.manager?.list() ?? []).some((r) => r.volumes.includes(name)),
      ),
    cgroups: o.cgroups ?? createCgroupReader(),
    hostResolvConf: o.hostResolvConf ?? join('/etc', 'resolv.conf'),
  };
  await deps.network.init();
  const opened = await ContainerManager.open(deps);
  holder.manager = opened.manager;
  return opened;
}
