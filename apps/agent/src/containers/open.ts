import { mkdir } from 'node:fs/promises';
import {
  ImageRootfs,
  openContainerManager,
  type ImageEngine,
  type NetworkEvent,
} from '@berth/runtime';
import type { AgentConfig } from '../config.js';
import type { Logger } from '@berth/log';
import { EventBus } from './events.js';
import { ContainerService } from './service.js';

/**
 * Network namespaces (loopback up) kept made ahead: a `run -d` with `--network none` or a bridge
 * then spawns nothing for its namespace (`ip netns add` and the CNI loopback plugin: two forks of
 * the agent's process, 35–50 ms of a create). Two cover a `docker run` at a time and a short
 * burst; the pool refills 300 ms after its last take, away from the start that usually follows.
 */
const NETNS_POOL = 2;
/**
 * And two more already attached to the built-in network (bridge + host-local ADD done): a
 * `run -d` on the default network without `-p` spawns nothing for its network at all (the
 * bridge plugin's fork and run were ≈ 60–120 ms of a create). Each holds a lease and a veth.
 */
const PREWIRED_POOL = 2;

/**
 * Opens the container manager for this agent: image-backed overlay rootfs under
 * `<data-root>/containers/<id>/rootfs`, runc state under `<exec-root>`, cgroups under `/berth`,
 * the `--bridge` (berth0) on `--bridge-subnet` (10.88.0.0/16) as the built-in network, named
 * networks from `--default-address-pool`. Reconciles with runc/conmon (containers kept running
 * while the agent was down are adopted).
 */
export async function openContainers(
  config: AgentConfig,
  imageEngine: ImageEngine,
  service: ContainerService,
  log: Logger,
  onNetworkEvent: (e: NetworkEvent) => void = () => undefined,
): Promise<ContainerService> {
  // the runtime creates runc/, exits/, socks/ below it: keep the exec root itself root-only
  await mkdir(config.execRoot, { recursive: true, mode: 0o700 });
  const rootfs = new ImageRootfs({
    dataRoot: config.dataRoot,
    mounts: (ref, rw) => imageEngine.rootfsMounts(ref, rw),
  });
  const { manager, report } = await openContainerManager({
    dataRoot: config.dataRoot,
    execRoot: config.execRoot,
    cgroupParent: '/berth',
    bridge: {
      name: 'berth',
      bridge: config.bridgeName,
      subnet: config.bridgeSubnet,
      addressPools: config.addressPools,
      onEvent: onNetworkEvent,
      netnsPool: NETNS_POOL,
      prewiredPool: PREWIRED_POOL,
      onWarning: (message) => log.warn(message),
    },
    rootfs,
    onEvent: (e) => service.onRuntimeEvent(e),
    onWarning: (message) => log.warn(message),
  });
  service.bindManager(manager, rootfs);
  log.info('containers reconciled', { ...report });
  return service;
}

export function createContainerService(imageEngine: ImageEngine, log: Logger): ContainerService {
  const bus = new EventBus();
  bus.watchImages(imageEngine);
  return new ContainerService(imageEngine, bus, log);
}
