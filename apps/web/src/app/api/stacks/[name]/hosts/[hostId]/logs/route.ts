import { z } from 'zod';
import { CONTAINER_LOGS_MAX_ENTRIES } from '@berth/protocol';
import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';

const Query = z.object({
  tail: z.coerce.number().int().min(1).max(CONTAINER_LOGS_MAX_ENTRIES).default(500),
});

/** The newest lines of all the stack's containers on a host, interleaved in time order. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params, req }) => ({
  entries: await ctx.stacks.logs(
    params.name ?? '',
    params.hostId ?? '',
    parseQuery(req, Query).tail,
  ),
}));
