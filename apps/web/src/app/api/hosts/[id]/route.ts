import { route } from '@/server/http/route.js';
import { RenameHostBody } from '@/lib/api-schemas.js';

export const GET = route({ auth: 'hosts.read' }, async ({ ctx, params }) => ({
  host: await ctx.hosts.get(params.id ?? ''),
}));

export const PATCH = route(
  { auth: 'hosts.update', body: RenameHostBody },
  async ({ ctx, principal, body, meta, params }) => ({
    host: await ctx.hosts.rename(principal, params.id ?? '', body.name, meta),
  }),
);

/** Remove the host and everything mirrored from it (admin); its agent is cut off. */
export const DELETE = route({ auth: 'hosts.remove' }, async ({ ctx, principal, meta, params }) => {
  await ctx.hosts.remove(principal, params.id ?? '', meta);
  return new Response(null, { status: 204 });
});
