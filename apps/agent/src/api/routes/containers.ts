import {
  ContainerNameSchema,
  CreateContainerRequestSchema,
  UpdateContainerRequestSchema,
} from '@berth/protocol';
import * as z from 'zod';
import type { ContainerService } from '../../containers/service.js';
import type { Router } from '../router.js';
import { boolParam, secondsParam } from './containers-query.js';

export interface ContainerRouteDeps {
  containers: ContainerService;
}

const signalParam = z
  .string()
  .regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, 'signal like SIGTERM, TERM or 15')
  .optional();

/** Containers: create, list, inspect, lifecycle, update, wait, remove. */
export function registerContainerRoutes(router: Router, deps: ContainerRouteDeps): void {
  const c = deps.containers;
  router.add({
    method: 'POST',
    path: '/v1/containers',
    body: CreateContainerRequestSchema,
    // `?start=true`: create and start in one call (`berth run -d` makes one round trip)
    query: z.object({ start: boolParam }),
    handler: ({ body, query }) => (query.start ? c.createAndStart(body) : c.create(body)),
  });
  router.add({
    method: 'GET',
    path: '/v1/containers',
    query: z.object({ all: boolParam }),
    handler: ({ query }) => ({ containers: c.list(query.all ?? false) }),
  });
  router.add({
    method: 'GET',
    path: '/v1/containers/:ref',
    handler: ({ params }) => c.inspect(params.ref!),
  });
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/start',
    handler: ({ params }) => c.start(params.ref!),
  });
  for (const action of ['stop', 'restart'] as const) {
    router.add({
      method: 'POST',
      path: `/v1/containers/:ref/${action}`,
      query: z.object({ t: secondsParam }),
      handler: ({ params, query }) => c[action](params.ref!, query.t),
    });
  }
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/kill',
    query: z.object({ signal: signalParam }),
    handler: async ({ params, query }) => {
      const { id } = c.inspect(params.ref!);
      const signal = query.signal ?? 'SIGKILL';
      await c.kill(id, signal);
      return { id, signal };
    },
  });
  for (const action of ['pause', 'unpause'] as const) {
    router.add({
      method: 'POST',
      path: `/v1/containers/:ref/${action}`,
      handler: ({ params }) => c[action](params.ref!),
    });
  }
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/rename',
    query: z.object({ name: ContainerNameSchema }),
    handler: ({ params, query }) => c.rename(params.ref!, query.name),
  });
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/update',
    body: UpdateContainerRequestSchema,
    handler: ({ params, body }) => c.update(params.ref!, body),
  });
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/wait',
    handler: ({ params }) => c.wait(params.ref!),
  });
  router.add({
    method: 'DELETE',
    path: '/v1/containers/:ref',
    query: z.object({ force: boolParam }),
    handler: async ({ params, query }) => {
      await c.remove(params.ref!, query.force ?? false);
      return { removed: params.ref! };
    },
  });
}
