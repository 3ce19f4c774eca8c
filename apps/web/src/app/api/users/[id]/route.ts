import { route } from '@/server/http/route.js';
import { UpdateUserBody } from '@/lib/api-schemas.js';

export const PATCH = route(
  { auth: 'users.manage', body: UpdateUserBody },
  async ({ ctx, principal, body, meta, params }) => ({
    user: await ctx.users.update(principal, params.id ?? '', body, meta),
  }),
);

export const DELETE = route({ auth: 'users.manage' }, async ({ ctx, principal, meta, params }) => {
  await ctx.users.remove(principal, params.id ?? '', meta);
  return new Response(null, { status: 204 });
});
