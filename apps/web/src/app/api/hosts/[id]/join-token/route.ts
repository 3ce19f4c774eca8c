import { route } from '@/server/http/route.js';

export const POST = route({ auth: 'hosts.create' }, async ({ ctx, principal, meta, params }) =>
  Response.json(await ctx.hosts.newJoinToken(principal, params.id ?? '', meta), { status: 201 }),
);
