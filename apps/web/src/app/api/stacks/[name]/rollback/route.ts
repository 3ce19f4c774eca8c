import { route } from '@/server/http/route.js';
import { RollbackStackBody } from '@/lib/stack-api-schemas.js';

/** An earlier version's file, deployed again as the next version. */
export const POST = route(
  { auth: 'stacks.deploy', body: RollbackStackBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.stacks.rollback({ principal, meta }, params.name ?? '', body.version),
);
