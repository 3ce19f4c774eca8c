import { route } from '@/server/http/route.js';

/** Refused by the agent while containers are on the network (the error names them). */
export const DELETE = route(
  { auth: 'containers.operate' },
  async ({ ctx, params, principal, meta }) =>
    ctx.networks.remove({ principal, meta }, params.id ?? '', params.nid ?? ''),
);
