import { route } from '@/server/http/route.js';
import { CreateHostBody } from '@/lib/api-schemas.js';

export const GET = route({ auth: 'hosts.read' }, async ({ ctx }) => ({
  hosts: await ctx.hosts.list(),
}));

export const POST = route(
  { auth: 'hosts.create', body: CreateHostBody },
  async ({ ctx, principal, body, meta }) =>
    Response.json(await ctx.hosts.create(principal, body.name, meta), { status: 201 }),
);
