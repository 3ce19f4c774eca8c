import { route } from '@/server/http/route.js';
import { UpdateAlertRuleBody } from '@/lib/alert-api-schemas.js';

export const PATCH = route(
  { auth: 'alerts.manage', body: UpdateAlertRuleBody },
  async ({ ctx, principal, body, meta, params }) => ({
    rule: await ctx.alerts.updateRule(principal, params.id ?? '', body, meta),
  }),
);

export const DELETE = route({ auth: 'alerts.manage' }, async ({ ctx, principal, meta, params }) => {
  await ctx.alerts.deleteRule(principal, params.id ?? '', meta);
  return new Response(null, { status: 204 });
});
