import { z } from 'zod';
import { ProtocolError } from '@berth/protocol';
import { route } from '@/server/http/route.js';

const Query = z.object({ timeoutMs: z.coerce.number().int().min(50).max(30_000).default(5000) });

/** Round trip through the agent hub's RPC (system.ping): 503 offline, 504 on timeout. */
export const GET = route({ auth: 'hosts.read' }, async ({ ctx, params, req }) => {
  const q = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) throw new ProtocolError('INVALID_ARGUMENT', 'timeoutMs must be 50..30000');
  const started = Date.now();
  const result = await ctx.agentHub.rpc(params.id ?? '', 'system.ping', {}, q.data.timeoutMs);
  return { agentTs: result.ts, rttMs: Date.now() - started };
});
