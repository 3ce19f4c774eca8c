import { route } from '@/server/http/route.js';

/** Revokes a token at once (one's own; admins: anyone's). Answers the revoked token. */
export const DELETE = route(
  { auth: 'tokens.manage', filtersHosts: true },
  async ({ ctx, principal, params, meta }) => ({
    apiToken: await ctx.tokens.revoke(principal, params.id ?? '', meta),
  }),
);
