import { AgentError } from '../../errors.js';
import type { DockerRouter } from '../http/router.js';

/**
 * `/plugins`: Berth runs no Docker plugins, so the list is empty and every name is not found —
 * what dockerd answers without plugins. `docker inspect NAME` asks for a plugin last (after a
 * container, an image, a network and a volume) and prints "No such object" only on a 404.
 */
export function registerPluginRoutes(router: DockerRouter): void {
  router.add({ method: 'GET', path: '/plugins', handler: () => [] });
  router.add({
    method: 'GET',
    path: '/plugins/{name:.*}/json',
    handler: ({ params }) => {
      throw new AgentError('NOT_FOUND', `plugin "${params.name!}" not found`);
    },
  });
}
