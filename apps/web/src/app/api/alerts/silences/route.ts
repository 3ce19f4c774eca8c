import { route } from '@/server/http/route.js';
import { CreateSilenceBody } from '@/lib/alert-api-schemas.js';

export const GET = route({ auth: 'alerts.manage' }, async ({ ctx }) => ({
  silences: await ctx.alerts.listSilences(),
}));

export const POST = route(
  { auth: 'alerts.manage', body: CreateSilenceBody },
  async ({ ctx, principal, body, meta }) =>
    Response.json(
      { silence: await ctx.alerts.createSilence(principal, body, meta) },
      { status: 201 },
    ),
);
