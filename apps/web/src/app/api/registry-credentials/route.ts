import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { RegistryQuery } from '@/lib/api-schemas.js';
import { StoreRegistryCredentialBody } from '@/lib/image-api-schemas.js';

/** Registry credentials the web keeps (admin): registry, username, who and when — no password. */
export const GET = route({ auth: 'registries.manage' }, async ({ ctx, principal }) => ({
  credentials: await ctx.registryCredentials.list(principal),
}));

/** Stores a registry's credentials, replacing what was stored for it. */
export const PUT = route(
  { auth: 'registries.manage', body: StoreRegistryCredentialBody },
  async ({ ctx, principal, meta, body }) => ({
    credential: await ctx.registryCredentials.store(principal, body, meta),
  }),
);

export const DELETE = route(
  { auth: 'registries.manage' },
  async ({ ctx, principal, meta, req }) => {
    const { registry } = parseQuery(req, RegistryQuery);
    return ctx.registryCredentials.remove(principal, registry, meta);
  },
);
