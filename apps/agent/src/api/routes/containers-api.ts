import type { Router } from '../router.js';
import { registerContainerRoutes, type ContainerRouteDeps } from './containers.js';
import { registerContainerAttachRoutes } from './containers-attach.js';
import { registerContainerExecRoutes } from './containers-exec.js';
import { registerContainerStreamRoutes } from './containers-streams.js';
import { registerVolumeRoutes } from './volumes.js';

/** Every container-side route: containers, logs/stats/events streams, exec, attach, volumes. */
export function registerContainerApi(router: Router, deps: ContainerRouteDeps): void {
  registerContainerRoutes(router, deps);
  registerContainerStreamRoutes(router, deps);
  registerContainerExecRoutes(router, deps);
  registerContainerAttachRoutes(router, deps);
  registerVolumeRoutes(router, deps);
}
