import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { CreateTokenBody, TokenListQuery } from '@/lib/token-api-schemas.js';

/** One's own API tokens (admins: `?all=true` for everyone's). Never the tokens themselves. */
export const GET = route(
  { auth: 'tokens.manage', filtersHosts: true },
  async ({ ctx, principal, req }) => {
    const q = parseQuery(req, TokenListQuery);
    return { tokens: await ctx.tokens.list(principal, { all: q.all === 'true' }) };
  },
);

/** Makes a token: `{id, token}` — the token is in this answer only. */
export const POST = route(
  { auth: 'tokens.manage', body: CreateTokenBody, filtersHosts: true },
  async ({ ctx, principal, body, meta }) =>
    Response.json(await ctx.tokens.create(principal, body, meta), { status: 201 }),
);
