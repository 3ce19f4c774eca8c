import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { ContainerListQuery } from '@/lib/container-api-schemas.js';
import { assertHost, visibleOn } from '@/server/tokens/access.js';

/** Every mirrored container of every host (from the database, not the agents). */
export const GET = route(
  { auth: 'containers.read', filtersHosts: true },
  async ({ ctx, req, principal }) => {
    const q = parseQuery(req, ContainerListQuery);
    if (q.host) assertHost(principal, q.host);
    const containers = await ctx.containers.list({
      hostId: q.host,
      state: q.state,
      image: q.image,
      name: q.name,
    });
    return { containers: visibleOn(principal, containers, (c) => c.hostId) };
  },
);
