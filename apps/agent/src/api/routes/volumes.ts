import { CreateVolumeRequestSchema } from '@berth/protocol';
import * as z from 'zod';
import type { Router } from '../router.js';
import type { ContainerRouteDeps } from './containers.js';
import { boolParam } from './containers-query.js';

/** Named volumes: list, create, inspect, remove (refused while a container uses it). */
export function registerVolumeRoutes(router: Router, deps: ContainerRouteDeps): void {
  const c = deps.containers;
  router.add({
    method: 'GET',
    path: '/v1/volumes',
    handler: async () => ({ volumes: await c.volumes() }),
  });
  router.add({
    method: 'POST',
    path: '/v1/volumes',
    body: CreateVolumeRequestSchema,
    handler: ({ body }) => c.createVolume(body.name, body.labels),
  });
  router.add({
    method: 'GET',
    path: '/v1/volumes/:name',
    handler: ({ params }) => c.volume(params.name!),
  });
  router.add({
    method: 'DELETE',
    path: '/v1/volumes/:name',
    query: z.object({ force: boolParam }),
    handler: async ({ params, query }) => {
      await c.removeVolume(params.name!, query.force ?? false);
      return { removed: params.name! };
    },
  });
}
