import { route } from '@/server/http/route.js';

/** Upgrade every enrolled host not at the served version, one by one (admin; each audited). */
export const POST = route({ auth: 'hosts.upgrade' }, async ({ ctx, principal, meta }) => ({
  results: await ctx.upgrades.upgradeAll(principal, meta),
}));
