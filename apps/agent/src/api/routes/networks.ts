import {
  CreateNetworkRequestSchema,
  NetworkConnectRequestSchema,
  NetworkDisconnectRequestSchema,
  type NetworkRemoveResult,
} from '@berth/protocol';
import * as z from 'zod';
import type { NetworkService } from '../../networks/service.js';
import type { Router } from '../router.js';

export interface NetworkRouteDeps {
  networks: NetworkService;
}

/** `?filters={"name":["a"],"label":["k=v"]}` (Docker's JSON form) → `key=value` strings. */
const filtersParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return [];
    try {
      const parsed = z.record(z.string(), z.array(z.string())).parse(JSON.parse(v));
      return Object.entries(parsed).flatMap(([k, vs]) => vs.map((x) => `${k}=${x}`));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'filters is a JSON object of string arrays' });
      return z.NEVER;
    }
  });

/** Networks: list, create, inspect, remove, prune, connect, disconnect. */
export function registerNetworkRoutes(router: Router, deps: NetworkRouteDeps): void {
  const n = deps.networks;
  router.add({
    method: 'GET',
    path: '/v1/networks',
    query: z.object({ filters: filtersParam }),
    handler: async ({ query }) => ({ networks: await n.list(query.filters) }),
  });
  router.add({
    method: 'POST',
    path: '/v1/networks',
    body: CreateNetworkRequestSchema,
    handler: ({ body }) => n.create(body),
  });
  router.add({
    method: 'POST',
    path: '/v1/networks/prune',
    handler: async (): Promise<NetworkRemoveResult> => ({ removed: await n.prune() }),
  });
  router.add({
    method: 'GET',
    path: '/v1/networks/:ref',
    handler: ({ params }) => n.inspect(params.ref!),
  });
  router.add({
    method: 'DELETE',
    path: '/v1/networks/:ref',
    handler: async ({ params }): Promise<NetworkRemoveResult> => ({
      removed: [await n.remove(params.ref!)],
    }),
  });
  router.add({
    method: 'POST',
    path: '/v1/networks/:ref/connect',
    body: NetworkConnectRequestSchema,
    handler: ({ params, body }) => n.connect(params.ref!, body),
  });
  router.add({
    method: 'POST',
    path: '/v1/networks/:ref/disconnect',
    body: NetworkDisconnectRequestSchema,
    handler: ({ params, body }) => n.disconnect(params.ref!, body.container),
  });
}
