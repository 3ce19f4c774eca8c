import { route } from '@/server/http/route.js';

/** The layer-sharing view: each layer, the images using it, and the bytes sharing saves. */
export const GET = route({ auth: 'containers.read' }, async ({ ctx, params }) =>
  ctx.images.layers(params.id ?? ''),
);
