import type { NetworkEndpoint, NetworkRequest } from '../network/network-manager.js';
import { failedPrecondition } from '../errors.js';
import { containerPaths, type ContainerManagerOptions } from './deps.js';
import type { ContainerRecord } from './record.js';
import { writeContainerResolvConf } from './resolv-conf.js';
import type { RecordStore } from './store.js';

const dnsOption = (rec: ContainerRecord): string[] | undefined =>
  Array.isArray(rec.options.dns) ? (rec.options.dns as string[]) : undefined;

function refuseSharedNamespace(rec: ContainerRecord): void {
  if (rec.network.mode !== 'bridge')
    throw failedPrecondition(
      `container ${rec.name} uses --network ${rec.network.mode}: it cannot join or leave networks`,
    );
  if (rec.state === 'removing') throw failedPrecondition(`container ${rec.name} is being removed`);
}

/** Record and resolv.conf after the container's endpoints changed (connect or disconnect). */
async function refresh(
  deps: ContainerManagerOptions,
  store: RecordStore,
  rec: ContainerRecord,
): Promise<ContainerRecord> {
  return recordEndpoints(deps, store, rec, await deps.network.endpoints(rec.id));
}

/** Writes `endpoints` into the record (first one's address and gateway on top) and resolv.conf. */
export async function recordEndpoints(
  deps: ContainerManagerOptions,
  store: RecordStore,
  rec: ContainerRecord,
  endpoints: NetworkEndpoint[],
): Promise<ContainerRecord> {
  const p = containerPaths(deps.dataRoot, deps.execRoot, rec.id);
  await writeContainerResolvConf(deps, p.resolvConf, endpoints, dnsOption(rec));
  return store.update(rec.id, {
    network: {
      ...rec.network,
      endpoints,
      ip: endpoints[0]?.ip ?? null,
      gateway: endpoints[0]?.gateway ?? null,
    },
  });
}

/** `network connect` (call under the container's lock): any state, its namespace lives until remove. */
export async function connectContainer(
  deps: ContainerManagerOptions,
  store: RecordStore,
  rec: ContainerRecord,
  req: NetworkRequest,
): Promise<ContainerRecord> {
  refuseSharedNamespace(rec);
  await deps.network.connect(rec.id, req);
  return refresh(deps, store, rec);
}

/** `network disconnect` (call under the container's lock). */
export async function disconnectContainer(
  deps: ContainerManagerOptions,
  store: RecordStore,
  rec: ContainerRecord,
  network: string,
): Promise<ContainerRecord> {
  refuseSharedNamespace(rec);
  await deps.network.disconnect(rec.id, network);
  return refresh(deps, store, rec);
}
