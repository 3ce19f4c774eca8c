import { route } from '@/server/http/route.js';
import { CreateAlertChannelBody } from '@/lib/alert-api-schemas.js';

export const GET = route({ auth: 'alerts.manage' }, async ({ ctx }) => ({
  channels: await ctx.alerts.listChannels(),
}));

export const POST = route(
  { auth: 'alerts.manage', body: CreateAlertChannelBody },
  async ({ ctx, principal, body, meta }) =>
    Response.json(
      { channel: await ctx.alerts.createChannel(principal, body, meta) },
      { status: 201 },
    ),
);
