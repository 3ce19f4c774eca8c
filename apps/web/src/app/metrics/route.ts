import { route } from '@/server/http/route.js';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape target for the whole fleet: `Authorization: Bearer <token with the metrics
 * scope>` (a signed-in browser works too). A host-limited token sees its hosts only.
 */
export const GET = route(
  { auth: 'metrics.read', filtersHosts: true },
  async ({ ctx, principal }) => {
    const { contentType, body } = await ctx.metrics.scrape(principal);
    return new Response(body, {
      headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    });
  },
);
