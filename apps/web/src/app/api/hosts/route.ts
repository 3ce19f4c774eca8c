import { route } from '@/server/http/route.js';
import { CreateHostBody } from '@/lib/api-schemas.js';
import { visibleOn } from '@/server/tokens/access.js';

export const GET = route(
  { auth: 'hosts.read', filtersHosts: true },
  async ({ ctx, principal }) => ({
    hosts: visibleOn(principal, await ctx.hosts.list(), (h) => h.id),
  }),
);

export const POST = route(
  { auth: 'hosts.create', body: CreateHostBody },
  async ({ ctx, principal, body, meta }) =>
    Response.json(await ctx.hosts.create(principal, body.name, meta), { status: 201 }),
);
