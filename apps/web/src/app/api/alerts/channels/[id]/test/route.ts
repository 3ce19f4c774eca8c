import { route } from '@/server/http/route.js';

/** Sends a test notification through the channel: `{delivered, error}`. */
export const POST = route({ auth: 'alerts.manage' }, async ({ ctx, principal, meta, params }) =>
  ctx.alerts.testChannel(principal, params.id ?? '', meta),
);
