import { route } from '@/server/http/route.js';
import { CreateNetworkBody } from '@/lib/network-api-schemas.js';

/** The host's networks from the web's mirror (each with the containers on it). */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params }) =>
  ctx.networks.list(params.id ?? ''),
);

export const POST = route(
  { auth: 'containers.operate', body: CreateNetworkBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.networks.create({ principal, meta }, params.id ?? '', body),
);
