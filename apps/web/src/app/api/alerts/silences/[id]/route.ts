import { route } from '@/server/http/route.js';

/** Ends the silence now. */
export const DELETE = route(
  { auth: 'alerts.manage' },
  async ({ ctx, principal, meta, params }) => ({
    silence: await ctx.alerts.expireSilence(principal, params.id ?? '', meta),
  }),
);
