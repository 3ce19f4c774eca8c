import { z } from 'zod';
import { route } from '@/server/http/route.js';
import { parseParams } from '@/server/http/query.js';
import { stackHostActions } from '@/lib/stack-api-schemas.js';

const Params = z.object({ action: z.enum(stackHostActions) });

/** start / stop / restart every service of the stack on one host. */
export const POST = route({ auth: 'stacks.deploy' }, async ({ ctx, params, principal, meta }) =>
  ctx.stacks.act(
    { principal, meta },
    params.name ?? '',
    params.hostId ?? '',
    parseParams(params, Params).action,
  ),
);
