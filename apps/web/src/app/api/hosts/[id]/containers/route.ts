import { CreateContainerRequestSchema } from '@berth/protocol';
import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { CreateQuery } from '@/lib/container-api-schemas.js';

export const GET = route({ auth: 'containers.read' }, async ({ ctx, params }) => ({
  containers: await ctx.containers.list({ hostId: params.id ?? '' }),
}));

/** Create (and with `?start=true` start) a container; the body is the protocol's CreateContainerRequest. */
export const POST = route(
  { auth: 'containers.operate', body: CreateContainerRequestSchema },
  async ({ ctx, principal, meta, params, body, req }) => {
    const { start } = parseQuery(req, CreateQuery);
    const res = await ctx.containers.create(principal, meta, params.id ?? '', body, start);
    return Response.json(res, { status: 201 });
  },
);
