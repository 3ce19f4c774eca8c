import { route } from '@/server/http/route.js';
import { CreateUserBody } from '@/lib/api-schemas.js';

export const GET = route({ auth: 'users.read' }, async ({ ctx }) => ({
  users: await ctx.users.list(),
}));

export const POST = route(
  { auth: 'users.manage', body: CreateUserBody },
  async ({ ctx, principal, body, meta }) =>
    Response.json({ user: await ctx.users.create(principal, body, meta) }, { status: 201 }),
);
