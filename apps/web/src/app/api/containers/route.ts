import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { ContainerListQuery } from '@/lib/container-api-schemas.js';

/** Every mirrored container of every host (from the database, not the agents). */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, req }) => {
  const q = parseQuery(req, ContainerListQuery);
  return {
    containers: await ctx.containers.list({
      hostId: q.host,
      state: q.state,
      image: q.image,
      name: q.name,
    }),
  };
});
