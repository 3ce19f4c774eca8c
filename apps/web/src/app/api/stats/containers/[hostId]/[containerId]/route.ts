import { ProtocolError } from '@berth/protocol';
import { route } from '@/server/http/route.js';

import { StatsRangeQuery as Query } from '@/lib/api-schemas.js';
import { statsRanges } from '@/lib/stats/chart-points.js';

/** A container's stats history: ≤ 15m from the agent's 1 s ring, longer from 1-minute rollups. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params, req }) => {
  const q = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) {
    throw new ProtocolError('INVALID_ARGUMENT', `range must be one of ${statsRanges.join(', ')}`);
  }
  return ctx.stats.containerHistory(params.hostId ?? '', params.containerId ?? '', q.data.range);
});
