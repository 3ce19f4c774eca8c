import { route } from '@/server/http/route.js';

/** The host's last 15 minutes (CPU %, memory used/total) from the agent's ring. */
export const GET = route({ auth: 'hosts.read' }, async ({ ctx, params }) =>
  ctx.stats.hostHistory(params.hostId ?? ''),
);
