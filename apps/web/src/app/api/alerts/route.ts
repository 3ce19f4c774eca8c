import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { AlertListQuery } from '@/lib/alert-api-schemas.js';
import { assertHost } from '@/server/tokens/access.js';

/** The alert history, newest first (`?state=firing` for what is firing now). */
export const GET = route(
  { auth: 'alerts.read', filtersHosts: true },
  async ({ ctx, principal, req }) => {
    const q = parseQuery(req, AlertListQuery);
    if (q.host) assertHost(principal, q.host);
    return ctx.alerts.history({
      state: q.state,
      hostIds: q.host ? [q.host] : (principal.token?.hosts ?? null),
      page: q.page,
      pageSize: q.pageSize,
    });
  },
);
