import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { StackLogsQuery } from '@/lib/stack-api-schemas.js';

/** The newest lines of all the stack's containers on a host, interleaved in time order. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params, req }) => ({
  entries: await ctx.stacks.logs(
    params.name ?? '',
    params.hostId ?? '',
    parseQuery(req, StackLogsQuery).tail,
  ),
}));
