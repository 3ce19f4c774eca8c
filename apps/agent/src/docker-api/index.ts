import { AGENT_VERSION } from '../version.js';
import { DOCKER_API_VERSION } from './api-version.js';
import type { DockerApiDeps, DockerRouteDeps } from './deps.js';
import { EventLog } from './events/event-log.js';
import { ExecRegistry } from './exec/registry.js';
import { DockerRouter } from './http/router.js';
import { registerArchiveRoutes } from './routes/archive.js';
import { registerContainerRoutes } from './routes/containers.js';
import { registerContainerMoreRoutes } from './routes/containers-more.js';
import { registerExecRoutes } from './routes/exec.js';
import { registerImageArchiveRoutes } from './routes/images-archive.js';
import { registerImageRoutes } from './routes/images.js';
import { registerImageTransferRoutes } from './routes/images-transfer.js';
import { registerEventRoutes } from './routes/events.js';
import { registerStatsRoutes } from './routes/stats.js';
import { registerStreamRoutes } from './routes/streams.js';
import { registerSystemDfRoute } from './routes/system-df.js';
import { registerNetworkRoutes } from './routes/networks.js';
import { registerPluginRoutes } from './routes/plugins.js';
import { registerVolumeRoutes } from './routes/volumes.js';
import { registerSystemRoutes } from './routes/system.js';

export type { DockerApiDeps } from './deps.js';

/** Headers on every answer, as dockerd sends them (the client reads `API-Version` from `/_ping`). */
export const DOCKER_COMMON_HEADERS: Readonly<Record<string, string>> = {
  'API-Version': DOCKER_API_VERSION,
  'Docker-Experimental': 'false',
  OSType: 'linux',
  Server: `Berth/${AGENT_VERSION} (linux)`,
};

/** Registers every route of the Docker Engine API Berth serves (the rest answer 501). */
export function registerDockerRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  registerSystemRoutes(router, deps);
  // /containers/json, /containers/prune before the /containers/{name:.*}/… routes
  registerContainerMoreRoutes(router, deps);
  registerContainerRoutes(router, deps);
  registerStreamRoutes(router, deps);
  registerExecRoutes(router, deps);
  registerStatsRoutes(router, deps);
  registerEventRoutes(router, deps);
  registerSystemDfRoute(router, deps);
  registerVolumeRoutes(router, deps);
  registerNetworkRoutes(router, deps);
  registerArchiveRoutes(router, deps);
  registerImageTransferRoutes(router, deps);
  registerImageArchiveRoutes(router, deps);
  registerImageRoutes(router, deps);
  registerPluginRoutes(router);
}

/**
 * The Docker API's router over the agent's services, with its own exec state and `events` (the
 * event log, created when the socket starts listening: serve.ts).
 */
export function createDockerRouter(
  deps: DockerApiDeps,
  events = new EventLog(deps.containers, () => deps.networks.builtinId()),
): DockerRouter {
  const router = new DockerRouter(DOCKER_COMMON_HEADERS, (line) => deps.log.debug(line));
  const execs = new ExecRegistry();
  deps.containers.events.subscribe((e) => {
    if (e.kind === 'container' && e.type === 'destroy') execs.forgetContainer(e.id);
  });
  registerDockerRoutes(router, { ...deps, execs, events });
  return router;
}
