import { readFile, writeFile } from 'node:fs/promises';
import { readdressHosts } from '../network/etc-files.js';
import { containerPaths, type ContainerManagerOptions } from './deps.js';
import { recordEndpoints } from './network-attach.js';
import type { ContainerRecord } from './record.js';
import type { RecordStore } from './store.js';

/**
 * What a host reboot takes from a container and its data root can give back, made again before
 * each start (call under the container's lock): the overlay mount of its rootfs (the snapshots
 * and its upper dir remain) and its network namespace with every attachment (the CNI cache and
 * host-local's leases remain; the same addresses when they are free). A no-op when all is in
 * place. When the namespace was made again, the record, resolv.conf and, if its address
 * changed, the hosts file follow. config.json needs nothing: its paths (rootfs, netns, cgroup)
 * are the same names as before.
 */
export async function restoreLost(
  deps: ContainerManagerOptions,
  store: RecordStore,
  rec: ContainerRecord,
): Promise<ContainerRecord> {
  await deps.rootfs.prepare(rec.id, rec.image);
  const endpoints = await deps.network.restore(rec.id);
  if (!endpoints) return rec;
  const updated = await recordEndpoints(deps, store, rec, endpoints);
  if (updated.network.ip !== rec.network.ip) {
    const { hosts } = containerPaths(deps.dataRoot, deps.execRoot, rec.id);
    const text = await readFile(hosts, 'utf8').catch(() => null);
    if (text !== null)
      await writeFile(hosts, readdressHosts(text, rec.network.ip, updated.network.ip));
  }
  return updated;
}
