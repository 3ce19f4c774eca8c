import { route } from '@/server/http/route.js';
import { CreateVolumeBody } from '@/lib/stack-api-schemas.js';

/** The host's volumes, asked of its agent, each with the containers using it. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params }) =>
  ctx.volumes.list(params.id ?? ''),
);

export const POST = route(
  { auth: 'containers.operate', body: CreateVolumeBody },
  async ({ ctx, params, principal, meta, body }) =>
    Response.json(await ctx.volumes.create({ principal, meta }, params.id ?? '', body.name), {
      status: 201,
    }),
);
