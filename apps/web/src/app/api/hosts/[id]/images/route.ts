import { route } from '@/server/http/route.js';

/** The host's images from the web's mirror of its store. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params }) =>
  ctx.images.list(params.id ?? ''),
);
