import { route } from '@/server/http/route.js';
import { CreateStackBody } from '@/lib/stack-api-schemas.js';

/** Every stack: the web's definitions and the projects found running, with each host's copy. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx }) => ({
  stacks: await ctx.stacks.list(),
}));

/**
 * A new stack on the chosen hosts: each host previews it first (refused with 403 naming any
 * elevated option the role or a host's policy does not allow, nothing created), then version 1 is
 * stored and deployed in the background (progress on the /ui socket).
 */
export const POST = route(
  { auth: 'stacks.deploy', body: CreateStackBody },
  async ({ ctx, principal, meta, body }) =>
    Response.json(await ctx.stacks.create({ principal, meta }, body), { status: 201 }),
);
