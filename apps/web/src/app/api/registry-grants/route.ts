import { z } from 'zod';
import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';

const GrantBody = z.object({ registry: z.string().min(1).max(255) }).strict();
const RevokeQuery = z.object({ registry: z.string().min(1).max(255) });

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
