import type { SystemInfo } from '@berth/protocol';
import type { ImageEngine } from '@berth/runtime';
import type { ContainerService } from '../containers/service.js';
import type { ImageService } from '../images/service.js';
import type { NetworkService } from '../networks/service.js';
import type { RecentReadings } from '../stats/sampler.js';
import type { Logger } from '@berth/log';
import type { EventLog } from './events/event-log.js';
import type { NetworkNaming } from './translate/endpoints.js';
import type { ExecRegistry } from './exec/registry.js';

/** What the Docker API's routes are served from: the agent's own engines and services. */
export interface DockerApiDeps {
  containers: ContainerService;
  images: ImageService;
  networks: NetworkService;
  imageEngine: ImageEngine;
  info: () => Promise<SystemInfo>;
  log: Logger;
  /** `--data-root` (volume mountpoints are `<data-root>/volumes/<name>/_data`). */
  dataRoot: string;
  /** The default bridge network's subnet (`--bridge-subnet`). */
  bridgeSubnet: string;
  /**
   * The agent's stats sampler's last two readings of a live container (null: none fresh). Absent
   * (tests), one-shot stats read the cgroup themselves.
   */
  recentStats?: (containerId: string) => RecentReadings | null;
}

/** What the container translations need to know of the host's networks (read per request). */
export function networkNaming(deps: Pick<DockerApiDeps, 'networks'>): NetworkNaming {
  return { builtinNetworkId: deps.networks.builtinId() };
}

/** What routes get: the agent's deps plus the Docker API's own state. */
export interface DockerRouteDeps extends DockerApiDeps {
  execs: ExecRegistry;
  events: EventLog;
}
