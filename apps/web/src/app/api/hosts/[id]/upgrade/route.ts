import { route } from '@/server/http/route.js';

/** Upgrade this host's agent to the bundle this web serves (admin; audited). */
export const POST = route({ auth: 'hosts.upgrade' }, async ({ ctx, principal, meta, params }) => ({
  host: await ctx.upgrades.upgradeHost(principal, params.id ?? '', meta),
}));
