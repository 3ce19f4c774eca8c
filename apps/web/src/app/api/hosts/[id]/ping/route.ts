import { ProtocolError } from '@berth/protocol';
import { route } from '@/server/http/route.js';

import { PingQuery as Query } from '@/lib/api-schemas.js';

/** Round trip through the agent hub's RPC (system.ping): 503 offline, 504 on timeout. */
export const GET = route({ auth: 'hosts.read' }, async ({ ctx, params, req }) => {
  const q = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) throw new ProtocolError('INVALID_ARGUMENT', 'timeoutMs must be 50..30000');
  const started = Date.now();
  const result = await ctx.agentHub.rpc(params.id ?? '', 'system.ping', {}, q.data.timeoutMs);
  return { agentTs: result.ts, rttMs: Date.now() - started };
});
