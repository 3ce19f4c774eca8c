import { route } from '@/server/http/route.js';

/** Refused by the agent while a container uses the volume (the error says so). */
export const DELETE = route(
  { auth: 'containers.operate' },
  async ({ ctx, params, principal, meta }) =>
    ctx.volumes.remove({ principal, meta }, params.id ?? '', params.vname ?? ''),
);
