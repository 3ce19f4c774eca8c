import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { EventsQuery } from '@/lib/container-api-schemas.js';
import { ProtocolError } from '@berth/protocol';
import { assertHost } from '@/server/tokens/access.js';

/** Container events for every reader; people's actions too for those who may read the audit log. */
export const GET = route(
  { auth: 'containers.read', filtersHosts: true },
  async ({ ctx, principal, req }) => {
    const q = parseQuery(req, EventsQuery);
    const limit = principal.token?.hosts;
    // A host-limited token reads one of its hosts' events at a time (?host=, implied when it has one).
    const host = q.host ?? (limit?.length === 1 ? limit[0] : undefined);
    if (limit && !host)
      throw new ProtocolError(
        'INVALID_ARGUMENT',
        'this API token is limited to some hosts: name one with ?host=',
      );
    if (host) assertHost(principal, host);
    return ctx.events.list(principal, {
      kind: q.kind,
      hostId: host,
      containerId: q.container,
      action: q.action,
      actor: q.actor,
      outcome: q.outcome,
      page: q.page,
      pageSize: q.pageSize,
    });
  },
);
