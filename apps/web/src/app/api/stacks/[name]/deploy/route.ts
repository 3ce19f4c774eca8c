import { route } from '@/server/http/route.js';
import { DeployStackBody } from '@/lib/stack-api-schemas.js';

/** A version (default the latest) to the chosen hosts: each deploys its own copy. */
export const POST = route(
  { auth: 'stacks.deploy', body: DeployStackBody },
  async ({ ctx, params, principal, meta, body }) =>
    ctx.stacks.deploy({ principal, meta }, params.name ?? '', body),
);
