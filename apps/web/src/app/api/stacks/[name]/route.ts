import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { RemoveStackQuery, UpdateStackBody } from '@/lib/stack-api-schemas.js';

/** A stack with each host's copy and its version history. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params }) =>
  ctx.stacks.get(params.name ?? ''),
);

/** An edited compose file: previewed on its hosts, stored as the next version, deployed. */
export const PUT = route(
  { auth: 'stacks.deploy', body: UpdateStackBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.stacks.update({ principal, meta }, params.name ?? '', body),
);

/** `down` on every host it is on (`?volumes=true`: its volumes too), then its definition. */
export const DELETE = route(
  { auth: 'stacks.deploy' },
  async ({ ctx, params, principal, meta, req }) => {
    const q = parseQuery(req, RemoveStackQuery);
    await ctx.stacks.remove({ principal, meta }, params.name ?? '', q.volumes === 'true');
    return { removed: params.name ?? '' };
  },
);
