import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { EventsQuery } from '@/lib/container-api-schemas.js';

/** Container events for every reader; people's actions too for those who may read the audit log. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, principal, req }) => {
  const q = parseQuery(req, EventsQuery);
  return ctx.events.list(principal, {
    kind: q.kind,
    hostId: q.host,
    containerId: q.container,
    action: q.action,
    actor: q.actor,
    outcome: q.outcome,
    page: q.page,
    pageSize: q.pageSize,
  });
});
