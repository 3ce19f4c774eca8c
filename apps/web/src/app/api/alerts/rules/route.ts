import { route } from '@/server/http/route.js';
import { CreateAlertRuleBody } from '@/lib/alert-api-schemas.js';

export const GET = route({ auth: 'alerts.manage' }, async ({ ctx }) => ({
  rules: await ctx.alerts.listRules(),
}));

export const POST = route(
  { auth: 'alerts.manage', body: CreateAlertRuleBody },
  async ({ ctx, principal, body, meta }) =>
    Response.json({ rule: await ctx.alerts.createRule(principal, body, meta) }, { status: 201 }),
);
