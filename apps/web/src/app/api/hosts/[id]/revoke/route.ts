import { route } from '@/server/http/route.js';

export const POST = route({ auth: 'hosts.revoke' }, async ({ ctx, principal, meta, params }) => ({
  host: await ctx.hosts.revoke(principal, params.id ?? '', meta),
}));
