import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';

import { GrantRegistryBody as GrantBody, RegistryQuery as RevokeQuery } from '@/lib/api-schemas.js';

/** Registries whose stored credentials operators may use through the web (admin). */
export const GET = route({ auth: 'registries.grant' }, async ({ ctx }) => ({
  grants: await ctx.registryGrants.list(),
}));

export const POST = route(
  { auth: 'registries.grant', body: GrantBody },
  async ({ ctx, principal, meta, body }) =>
    Response.json(
      { grant: await ctx.registryGrants.grant(principal, body.registry, meta) },
      { status: 201 },
    ),
);

export const DELETE = route({ auth: 'registries.grant' }, async ({ ctx, principal, meta, req }) => {
  const { registry } = parseQuery(req, RevokeQuery);
  return ctx.registryGrants.revoke(principal, registry, meta);
});
