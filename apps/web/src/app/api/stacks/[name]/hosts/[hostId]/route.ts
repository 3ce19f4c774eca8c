import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { RemoveStackQuery } from '@/lib/stack-api-schemas.js';

/** `down` on this host (`?volumes=true`: its volumes too); the definition stays. */
export const DELETE = route(
  { auth: 'stacks.deploy' },
  async ({ ctx, params, principal, meta, req }) => {
    const q = parseQuery(req, RemoveStackQuery);
    await ctx.stacks.removeFromHost(
      { principal, meta },
      params.name ?? '',
      params.hostId ?? '',
      q.volumes === 'true',
    );
    return { removed: params.name ?? '' };
  },
);
