import { route } from '@/server/http/route.js';

/** Removes a channel (and takes it out of every rule). */
export const DELETE = route({ auth: 'alerts.manage' }, async ({ ctx, principal, meta, params }) => {
  await ctx.alerts.deleteChannel(principal, params.id ?? '', meta);
  return new Response(null, { status: 204 });
});
